import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { can } from "@/lib/actions/scoped";
import { requireUnitInScope } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { searchOfficers } from "@/lib/staffing/queries";

export const metadata: Metadata = { title: "Cán bộ" };
const LIMIT = 50;

type PageProps = { searchParams: Promise<{ q?: string | string[]; commune?: string | string[] }> };

/** Officers in the viewer's scope: search by name (diacritics optional), officer number or commune code. */
export default async function OfficersPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { t } = i18n;
  const q = (Array.isArray(sp.q) ? sp.q[0] : sp.q) ?? "";
  const commune = (Array.isArray(sp.commune) ? sp.commune[0] : sp.commune) ?? "";
  const communeCode = /^\d{5}$/.test(commune) ? commune : undefined;
  // a commune outside the viewer's reach is "not found", as everywhere, not an empty list
  if (communeCode) await requireUnitInScope(viewer, communeCode, todayInVietnam());
  const hits = await searchOfficers(viewer, { q, communeCode, limit: LIMIT });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("officers.searchHeading")}</h1>
        {can(viewer, "write:staffing") && (
          <Link href="/officers/new" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
            {t("officers.add")}
          </Link>
        )}
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div className="grow sm:max-w-md">
          <label htmlFor="q" className="block text-xs font-medium text-stone-600">{t("officers.searchLabel")}</label>
          <input id="q" name="q" defaultValue={q} placeholder={t("officers.searchPlaceholder")}
            className="mt-1 w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </div>
        <div>
          <label htmlFor="commune" className="block text-xs font-medium text-stone-600">{t("officers.communeCode")}</label>
          <input id="commune" name="commune" defaultValue={commune} inputMode="numeric" placeholder="16816"
            className="mt-1 w-28 rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">{t("officers.searchSubmit")}</button>
      </form>
      <p className="text-sm text-stone-600" data-testid="officer-count">
        {hits.length >= LIMIT ? t("officers.resultsLimited", { n: LIMIT }) : t("officers.results", { n: hits.length })}
      </p>
      {hits.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("officers.noResults")}</p>
      ) : (
        <DataTable testId="officer-results" columns={[{ label: t("officers.name") }, { label: t("officers.number") }, { label: t("officers.rank") }, { label: t("officers.post") }, { label: t("officers.commune") }, { label: t("officers.status") }]}>
              {hits.map((o) => (
                <tr key={o.id} className="hover:bg-brand-50">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={`/officers/${o.id}`} className="text-brand-700 hover:underline">{o.fullName}</Link>
                  </th>
                  <td className="px-3 py-2 tabular-nums text-stone-600">{o.officerNumber}</td>
                  <td className="px-3 py-2">{t(`rank.${o.rank}`)}</td>
                  <td className="px-3 py-2">{o.post ? t(`post.${o.post}`) : ""}</td>
                  <td className="px-3 py-2">{o.communeName}</td>
                  <td className="px-3 py-2">{o.active ? t("officers.serving") : <span className="text-stone-500">{t("officers.left")}</span>}</td>
                </tr>
              ))}
            </DataTable>
      )}
    </div>
  );
}
