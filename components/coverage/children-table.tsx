import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { ChildFigures } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import type { UnitLevel } from "@/lib/units/types";
import { unitHref } from "./breadcrumbs";

/** One row per child unit with the same figures as the cards; each name drills down. */
export function ChildrenTable({ i18n, rows, asOf, level }: { i18n: I18n; rows: ChildFigures[]; asOf: IsoDate; level: UnitLevel }) {
  const { t, fmt } = i18n;
  if (rows.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("children.empty")}</p>;
  const num = "px-3 py-2 text-right tabular-nums";
  const figureColumns = ["children.inProgramme", "children.staffed", "children.percent", "children.fully", "children.officers", "children.perCommune", "children.cells", "children.secretaries"] as const;
  const columns = [{ label: t("children.unit") }, ...figureColumns.map((k) => ({ label: t(k), align: "right" as const }))];
  return (
    <DataTable testId="children-table" caption={t("children.caption")} columns={columns}>
          {rows.map((r) => (
            <tr key={r.unitId} className="hover:bg-brand-50" data-unit-code={r.code}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={unitHref(r.code, asOf)} className="text-brand-700 hover:underline">
                  {r.name}
                </Link>
                {level === "COMMUNE" || <span className="ml-2 text-xs font-normal text-stone-400">{r.code}</span>}
              </th>
              <td className={num}>{fmt.number(r.figures.inProgramme)}</td>
              <td className={num}>{fmt.number(r.figures.staffed)}</td>
              <td className={num}>{fmt.percent(r.figures.coveragePercent)}</td>
              <td className={num}>{fmt.number(r.figures.fullyStaffed)}</td>
              <td className={num}>{fmt.number(r.figures.officers)}</td>
              <td className={num}>{fmt.decimal(r.figures.officersPerCommune)}</td>
              <td className={num}>{fmt.number(r.figures.partyCells)}</td>
              <td className={num}>{fmt.number(r.figures.secretariesPolice)}</td>
            </tr>
          ))}
        </DataTable>
  );
}
