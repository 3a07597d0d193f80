import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { I18n } from "@/lib/i18n";
import type { ServingOfficer } from "@/lib/staffing/queries";

export function OfficerTable({ i18n, officers }: { i18n: I18n; officers: ServingOfficer[] }) {
  const { t, fmt } = i18n;
  if (officers.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("officers.empty")}</p>;
  return (
    <DataTable testId="officer-table" columns={[{ label: t("officers.name") }, { label: t("officers.post") }, { label: t("officers.rank") }, { label: t("officers.number") }, { label: t("officers.since"), align: "right" }]}>
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
        </DataTable>
  );
}
