import { can } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import { getCommuneParty } from "@/lib/party/queries";
import { getServingOfficers } from "@/lib/staffing/queries";
import { AddMembershipForm, ChangeSecretaryForm, DissolveCellForm, EndMembershipForm, EstablishCellForm } from "./party-forms";

/** The commune's Party cell (secretaries over time) and committee seats; forms for those who may write. */
export async function PartySection({ viewer, i18n, communeId, asOf }: { viewer: Viewer; i18n: I18n; communeId: number; asOf: IsoDate }) {
  const { t, fmt } = i18n;
  const today = todayInVietnam();
  const writable = can(viewer, "write:staffing");
  const [{ cells, seats }, officers] = await Promise.all([
    getCommuneParty(viewer, communeId, asOf),
    writable ? getServingOfficers(viewer, communeId, today) : Promise.resolve([]),
  ]);
  const active = cells.find((c) => !c.dissolvedOn || c.dissolvedOn > today);
  const period = (from: string, to: string | null) => `${fmt.date(from)} – ${to ? fmt.date(to) : t("officer.current")}`;
  return (
    <section aria-labelledby="party-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="party-section">
      <h2 id="party-heading" className="text-lg font-semibold">{t("party.heading")}</h2>
      {cells.length === 0 && <p className="text-sm text-stone-600">{t("party.noCell")}</p>}
      {cells.map((c) => (
        <div key={c.id} className="text-sm">
          <p className="font-medium">
            {c.name} — {t("party.established")} {fmt.date(c.establishedOn)}
            {c.dissolvedOn && `, ${t("party.dissolved")} ${fmt.date(c.dissolvedOn)}`}
          </p>
          <ul className="ml-4 list-disc text-stone-700">
            {c.secretaries.map((s, i) => (
              <li key={i}>
                {t("party.secretary")}: {s.name} {s.isOfficer ? "" : `(${t("party.notPolice")})`} · {period(s.startDate, s.endDate)}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="text-sm">
        <p className="font-medium">{t("officer.committees")}</p>
        {seats.length === 0 ? (
          <p className="text-stone-600">{t("officer.committeesEmpty")}</p>
        ) : (
          <ul className="ml-4 list-disc space-y-1 text-stone-700" data-testid="seats">
            {seats.map((m) => (
              <li key={m.id}>
                {m.officerName} — {t(`officer.committee.${m.committee}`)} · {period(m.startDate, m.endDate)}
                {writable && !m.endDate && (
                  <details className="ml-2 inline-block align-top">
                    <summary className="cursor-pointer text-brand-700">{t("party.endSeat")}</summary>
                    <EndMembershipForm locale={i18n.locale} membershipId={m.id} />
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {writable && (
        <div className="grid gap-4 border-t border-stone-200 pt-3 lg:grid-cols-2">
          {active ? (
            <>
              <div>
                <h3 className="mb-1 font-medium">{t("party.changeSecretary")}</h3>
                <ChangeSecretaryForm locale={i18n.locale} cellId={active.id} version={active.version} officers={officers} />
              </div>
              <div>
                <h3 className="mb-1 font-medium">{t("party.dissolve")}</h3>
                <DissolveCellForm locale={i18n.locale} cellId={active.id} version={active.version} />
              </div>
            </>
          ) : (
            <div>
              <h3 className="mb-1 font-medium">{t("party.establish")}</h3>
              <EstablishCellForm locale={i18n.locale} communeId={communeId} officers={officers} />
            </div>
          )}
          <div className="lg:col-span-2">
            <h3 className="mb-1 font-medium">{t("party.addSeat")}</h3>
            <AddMembershipForm locale={i18n.locale} communeId={communeId} officers={officers} />
          </div>
        </div>
      )}
    </section>
  );
}
