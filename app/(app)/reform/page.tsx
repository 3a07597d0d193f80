import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PlacementActions } from "@/components/units/placement-actions";
import { can } from "@/lib/actions/scoped";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { PlacementListParamsSchema } from "@/lib/units/placement-schemas";
import { listPlacements } from "@/lib/units/placements";
import { canRecordReform } from "@/lib/units/reform-record";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("placements.heading") };
}

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * After a reform: the officers it could not place for certain (split communes, second chiefs), in the viewer's
 * scope, unresolved until the province confirms the proposal or moves the officer to another part.
 */
export default async function PlacementsPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { t, fmt } = i18n;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = PlacementListParamsSchema.parse(raw);
  const { rows, total, page, pages } = await listPlacements(viewer, params);
  const writes = can(viewer, "write:staffing");
  const input = "mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm";
  const link = (p: number) => `/reform?${new URLSearchParams({ status: params.status, ...(params.reason ? { reason: params.reason } : {}), page: String(p) })}`;
  const labels = {
    confirm: t("placements.confirm"),
    confirming: t("placements.confirming"),
    makeChief: t("placements.makeChief"),
    makingChief: t("placements.makingChief"),
    makeChiefConfirm: t("placements.makeChiefConfirm"),
    move: t("placements.move"),
    moving: t("placements.moving"),
    moveTo: t("placements.moveTo"),
    proposed: t("placements.proposed"),
  };
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("placements.heading")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("placements.intro")}</p>
        {canRecordReform(viewer) && (
          <p className="mt-2 text-sm">
            <Link href="/reform/record" className="font-medium text-brand-700 hover:underline" data-testid="reform-record-link">{t("reformRecord.link")} →</Link>
          </p>
        )}
      </div>
      <form method="get" className="grid max-w-2xl gap-2 sm:grid-cols-[1fr_1fr_auto]" data-testid="placements-filter">
        <label className="text-xs font-medium text-stone-600">{t("placements.filter.status")}
          <select name="status" defaultValue={params.status} className={input}>
            <option value="open">{t("placements.status.open")}</option>
            <option value="reviewed">{t("placements.status.reviewed")}</option>
            <option value="all">{t("placements.status.all")}</option>
          </select>
        </label>
        <label className="text-xs font-medium text-stone-600">{t("placements.filter.reason")}
          <select name="reason" defaultValue={params.reason ?? ""} className={input}>
            <option value="">—</option>
            <option value="SPLIT">{t("placements.reason.SPLIT")}</option>
            <option value="CHIEF">{t("placements.reason.CHIEF")}</option>
          </select>
        </label>
        <button type="submit" className="self-end rounded border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-stone-50">{t("users.filter.apply")}</button>
      </form>
      <p className="text-sm text-stone-700" data-testid="placements-count">
        {t(params.status === "open" ? "placements.countOpen" : "placements.count", { n: fmt.number(total) })}
      </p>
      {rows.length === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-600">{t("placements.none")}</p>
      ) : (
        <DataTable
          testId="placements-table"
          columns={(["placements.col.officer", "placements.col.from", "placements.col.to", "placements.col.reason", "placements.col.decision"] as const).map((k) => ({ label: t(k) }))}
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid={`placement-${r.id}`} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/officers/${r.officerId}`} className="text-brand-700 hover:underline">{r.officerName}</Link>
                <div className="text-xs font-normal text-stone-500">{r.officerNumber} · {t(`post.${r.post}`)}</div>
              </th>
              <td className="px-3 py-2">
                {r.predecessor.name} ({r.predecessor.code})
                <div className="text-xs text-stone-500">{t("placements.until", { date: fmt.date(r.reformOn) })}</div>
              </td>
              <td className="px-3 py-2">
                {r.commune.name} ({r.commune.code})
                <div className="text-xs text-stone-500">{t("placements.from", { date: fmt.date(r.reformOn) })}</div>
              </td>
              <td className="px-3 py-2 text-sm">{t(`placements.why.${r.reason}`)}</td>
              <td className="px-3 py-2">
                {r.reviewedAt ? (
                  <span className="text-sm text-green-800">{t("placements.reviewed", { who: r.reviewedBy ?? "—", at: fmt.dateTime(r.reviewedAt) })}</span>
                ) : writes ? (
                  <PlacementActions placementId={r.id} reason={r.reason} currentId={r.commune.id} options={r.options} labels={labels} />
                ) : (
                  <span className="text-sm text-amber-800">{t("placements.status.open")}</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label={t("placements.pages")}>
          {page > 1 && <Link href={link(page - 1)} className="text-brand-700 hover:underline">← {t("placements.prev")}</Link>}
          <span>{t("placements.page", { page: fmt.number(page), pages: fmt.number(pages) })}</span>
          {page < pages && <Link href={link(page + 1)} className="text-brand-700 hover:underline">{t("placements.next")} →</Link>}
        </nav>
      )}
    </div>
  );
}
