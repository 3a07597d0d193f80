import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { Figures } from "@/lib/coverage/figures";
import type { ChildFigures } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import type { I18n, MessageKey } from "@/lib/i18n";
import type { UnitLevel } from "@/lib/units/types";
import { unitHref } from "./breadcrumbs";

export const CHILD_SORT_KEYS = ["name", "inProgramme", "staffed", "percent", "fully", "officers", "perCommune", "cells", "secretaries"] as const;
export type ChildSortKey = (typeof CHILD_SORT_KEYS)[number];
export type ChildSort = { key: ChildSortKey; dir: "asc" | "desc" };

const VALUE: Record<Exclude<ChildSortKey, "name">, (f: Figures) => number | null> = {
  inProgramme: (f) => f.inProgramme,
  staffed: (f) => f.staffed,
  percent: (f) => f.coveragePercent,
  fully: (f) => f.fullyStaffed,
  officers: (f) => f.officers,
  perCommune: (f) => f.officersPerCommune,
  cells: (f) => f.partyCells,
  secretaries: (f) => f.secretariesPolice,
};

/** Reads ?sort=&dir= for the child table; anything else falls back to the GSO code order. */
export function parseChildSort(sort?: string, dir?: string): ChildSort | null {
  if (!sort || !(CHILD_SORT_KEYS as readonly string[]).includes(sort)) return null;
  return { key: sort as ChildSortKey, dir: dir === "desc" ? "desc" : "asc" };
}

export function sortChildren(rows: ChildFigures[], sort: ChildSort | null, locale: string): ChildFigures[] {
  if (!sort) return rows;
  const sign = sort.dir === "asc" ? 1 : -1;
  const collator = new Intl.Collator(locale === "vi" ? "vi" : "en");
  return [...rows].sort((a, b) => {
    if (sort.key === "name") return sign * collator.compare(a.name, b.name) || a.code.localeCompare(b.code);
    const va = VALUE[sort.key](a.figures);
    const vb = VALUE[sort.key](b.figures);
    if (va === vb) return a.code.localeCompare(b.code);
    if (va === null) return 1; // no value always last
    if (vb === null) return -1;
    return sign * (va - vb);
  });
}

const LABEL: Record<ChildSortKey, MessageKey> = {
  name: "children.unit",
  inProgramme: "children.inProgramme",
  staffed: "children.staffed",
  percent: "children.percent",
  fully: "children.fully",
  officers: "children.officers",
  perCommune: "children.perCommune",
  cells: "children.cells",
  secretaries: "children.secretaries",
};

/** One row per child unit with the same figures as the cards; each name drills down; headers sort. */
export function ChildrenTable({
  i18n,
  rows,
  asOf,
  level,
  sort,
  sortHref,
}: {
  i18n: I18n;
  rows: ChildFigures[];
  asOf: IsoDate;
  level: UnitLevel;
  sort: ChildSort | null;
  sortHref: (key: ChildSortKey, dir: "asc" | "desc") => string;
}) {
  const { t, fmt } = i18n;
  if (rows.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("children.empty")}</p>;
  const columns = CHILD_SORT_KEYS.map((key) => {
    const sorted = sort?.key === key ? sort.dir : undefined;
    const next = sorted === "asc" ? "desc" : sorted === "desc" ? "asc" : key === "name" ? "asc" : "desc";
    const label = t(LABEL[key]);
    return { label, align: key === "name" ? ("left" as const) : ("right" as const), sorted, sortHref: sortHref(key, next), sortLabel: t(next === "asc" ? "table.sortAsc" : "table.sortDesc", { label }) };
  });
  return (
    <DataTable testId="children-table" caption={t("children.caption")} columns={columns} figures="hover">
      {sortChildren(rows, sort, i18n.locale).map((r) => (
        <tr key={r.unitId} data-unit-code={r.code}>
          <th scope="row">
            <Link href={unitHref(r.code, asOf)}>{r.name}</Link>
            {level === "COMMUNE" || <span className="ml-2 text-xs font-normal text-stone-400">{r.code}</span>}
          </th>
          <td>{fmt.number(r.figures.inProgramme)}</td>
          <td>{fmt.number(r.figures.staffed)}</td>
          <td>{fmt.percent(r.figures.coveragePercent)}</td>
          <td>{fmt.number(r.figures.fullyStaffed)}</td>
          <td>{fmt.number(r.figures.officers)}</td>
          <td>{fmt.decimal(r.figures.officersPerCommune)}</td>
          <td>{fmt.number(r.figures.partyCells)}</td>
          <td>{fmt.number(r.figures.secretariesPolice)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
