import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { unitHref } from "@/components/coverage/breadcrumbs";
import { AssignForm, CorrectAssignmentForm, EndAssignmentForm, TransferForm } from "@/components/staffing/assignment-forms";
import { OfficerForm } from "@/components/staffing/officer-form";
import { can } from "@/lib/actions/scoped";
import { requireViewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { getOfficerDetail, listCommunesInScope } from "@/lib/staffing/queries";

type PageProps = { params: Promise<{ id: string }> };

async function load(params: PageProps["params"]) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const viewer = await requireViewer();
  return { viewer, officer: await getOfficerDetail(viewer, Number(id)) };
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { officer } = await load(params);
  return { title: officer.fullName };
}

/** An officer: details, full service history and committee seats; edit, transfer, end for those who may. */
export default async function OfficerPage({ params }: PageProps) {
  const [{ viewer, officer: o }, i18n] = await Promise.all([load(params), getI18n()]);
  const { t, fmt } = i18n;
  const writable = can(viewer, "write:staffing");
  const open = o.assignments.find((a) => a.endDate === null);
  const communes = writable ? await listCommunesInScope(viewer) : [];
  const today = todayInVietnam();
  const dl = (label: string, value: string) => (
    <div>
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="font-medium">{value || "—"}</dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <div>
        <nav className="mb-1 text-sm"><Link href="/officers" className="text-brand-700 hover:underline">{t("nav.officers")}</Link></nav>
        <h1 className="text-2xl font-semibold" data-testid="officer-name">{o.fullName}</h1>
        <p className="text-sm text-stone-600">
          {t(`rank.${o.rank}`)} · {t("officers.number")} {o.officerNumber}
          {open && <> · {t(`post.${open.post}`)}, {open.communeName}</>}
        </p>
        <Link href={`/audit?officer=${o.id}`} className="text-sm text-brand-700 hover:underline">{t("audit.forOfficer")}</Link>
      </div>
      <section aria-labelledby="details" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id="details" className="mb-3 text-lg font-semibold">{t("officer.details")}</h2>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          {dl(t("officer.gender"), t(`officer.gender.${o.gender}`))}
          {dl(t("officer.birthDate"), o.birthDate ? fmt.date(o.birthDate) : "")}
          {dl(t("officer.ethnicity"), o.ethnicity ?? "")}
          {dl(t("officer.partyMember"), o.partyMember ? `${t("officer.yes")}${o.partyJoinedOn ? ` (${fmt.date(o.partyJoinedOn)})` : ""}` : t("officer.no"))}
          {dl(t("officer.languages"), [...o.ethnicLanguages, ...o.foreignLanguages].join(", "))}
        </dl>
      </section>
      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-lg font-semibold">{t("officer.history")}</h2>
        <DataTable testId="assignment-history" columns={[{ label: t("form.commune") }, { label: t("form.post") }, { label: t("officer.from") }, { label: t("officer.to") }, { label: t("officer.endReason") }]}>
              {o.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={unitHref(a.communeCode, a.endDate ?? today)} className="text-brand-700 hover:underline">{a.communeName}</Link>
                  </th>
                  <td className="px-3 py-2">{t(`post.${a.post}`)}</td>
                  <td className="px-3 py-2 tabular-nums">{fmt.date(a.startDate)}</td>
                  <td className="px-3 py-2 tabular-nums">{a.endDate ? fmt.date(a.endDate) : <em className="text-stone-500">{t("officer.current")}</em>}</td>
                  <td className="px-3 py-2">{a.endReason ? t(`endReason.${a.endReason as "TRANSFER"}`) : ""}</td>
                </tr>
              ))}
            </DataTable>
      </section>
      <section aria-labelledby="committees" className="space-y-2">
        <h2 id="committees" className="text-lg font-semibold">{t("officer.committees")}</h2>
        {o.memberships.length === 0 ? (
          <p className="text-sm text-stone-600">{t("officer.committeesEmpty")}</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {o.memberships.map((m, i) => (
              <li key={i}>
                {t(`officer.committee.${m.committee}`)} — {m.communeName}: {fmt.date(m.startDate)} – {m.endDate ? fmt.date(m.endDate) : t("officer.current")}
              </li>
            ))}
          </ul>
        )}
      </section>
      {writable ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {open ? (
            <>
              <section aria-labelledby="transfer" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                <h2 id="transfer" className="mb-2 text-lg font-semibold">{t("form.transfer")}</h2>
                <TransferForm locale={i18n.locale} current={open} communes={communes} />
              </section>
              <section aria-labelledby="end" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                <h2 id="end" className="mb-2 text-lg font-semibold">{t("form.end")}</h2>
                <EndAssignmentForm locale={i18n.locale} current={open} />
              </section>
            </>
          ) : (
            <section aria-labelledby="assign" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm lg:col-span-2">
              <h2 id="assign" className="mb-1 text-lg font-semibold">{t("form.assign")}</h2>
              <p className="mb-2 text-sm text-stone-600">{t("form.noOpenAssignment")}</p>
              <AssignForm locale={i18n.locale} officerId={o.id} communes={communes} />
            </section>
          )}
          {o.assignments.length > 0 && (
            <section aria-labelledby="correct" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm lg:col-span-2">
              <h2 id="correct" className="mb-2 text-lg font-semibold">{t("form.correct")}</h2>
              <CorrectAssignmentForm locale={i18n.locale} assignments={o.assignments} />
            </section>
          )}
          <section aria-labelledby="edit" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm lg:col-span-2">
            <h2 id="edit" className="mb-2 text-lg font-semibold">{t("form.edit")}</h2>
            <OfficerForm mode="edit" locale={i18n.locale} officer={o} />
          </section>
        </div>
      ) : (
        <p role="status" className="text-sm text-stone-600">{t("form.readOnly")}</p>
      )}
    </div>
  );
}
