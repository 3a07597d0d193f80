import Link from "next/link";
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
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid="children-table">
        <caption className="px-3 py-2 text-left text-xs text-stone-500">{t("children.caption")}</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">{t("children.unit")}</th>
            <th scope="col" className={num}>{t("children.inProgramme")}</th>
            <th scope="col" className={num}>{t("children.staffed")}</th>
            <th scope="col" className={num}>{t("children.percent")}</th>
            <th scope="col" className={num}>{t("children.fully")}</th>
            <th scope="col" className={num}>{t("children.officers")}</th>
            <th scope="col" className={num}>{t("children.perCommune")}</th>
            <th scope="col" className={num}>{t("children.cells")}</th>
            <th scope="col" className={num}>{t("children.secretaries")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
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
        </tbody>
      </table>
    </div>
  );
}
