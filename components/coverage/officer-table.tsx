import Link from "next/link";
import type { I18n } from "@/lib/i18n";
import type { ServingOfficer } from "@/lib/staffing/queries";

export function OfficerTable({ i18n, officers }: { i18n: I18n; officers: ServingOfficer[] }) {
  const { t, fmt } = i18n;
  if (officers.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("officers.empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="officer-table">
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">{t("officers.name")}</th>
            <th scope="col" className="px-3 py-2 text-left">{t("officers.post")}</th>
            <th scope="col" className="px-3 py-2 text-left">{t("officers.rank")}</th>
            <th scope="col" className="px-3 py-2 text-left">{t("officers.number")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("officers.since")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {officers.map((o) => (
            <tr key={o.officerId}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/officers/${o.officerId}`} className="text-brand-700 hover:underline">{o.fullName}</Link>
              </th>
              <td className="px-3 py-2">{t(`post.${o.post}`)}</td>
              <td className="px-3 py-2">{t(`rank.${o.rank}`)}</td>
              <td className="px-3 py-2 tabular-nums text-stone-600">{o.officerNumber}</td>
              <td className="px-3 py-2 text-right tabular-nums">{fmt.date(o.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
