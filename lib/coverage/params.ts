import { addMonths, parseAsOf, parseDateInput, type IsoDate } from "@/lib/dates";

// The query string of a dashboard view, parsed once for the home page and the unit pages:
// ?asOf= (default today), ?compare= (default one month earlier), ?sort=&dir= (the child table's order).

export type DashboardParams = {
  asOf: IsoDate;
  compare: IsoDate;
  invalidAsOf?: string;
  sort?: string;
  dir?: string;
  /** the same view written canonically (YYYY-MM-DD), when the URL was not */
  redirectTo: string | null;
};

type Raw = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseDashboardParams(sp: Raw, basePath: string): DashboardParams {
  const { asOf, invalid, canonical, raw } = parseAsOf(sp.asOf);
  const rawCompare = first(sp.compare)?.trim() ?? "";
  const parsedCompare = rawCompare ? parseDateInput(rawCompare) : null;
  const compare = parsedCompare ?? addMonths(asOf, -1);
  const sort = first(sp.sort);
  const dir = first(sp.dir);
  const needsRedirect = !canonical || (parsedCompare !== null && parsedCompare !== rawCompare);
  const q = new URLSearchParams({ asOf });
  if (parsedCompare) q.set("compare", parsedCompare);
  if (sort) q.set("sort", sort);
  if (dir) q.set("dir", dir);
  return {
    asOf,
    compare,
    invalidAsOf: invalid ? raw : undefined,
    sort,
    dir,
    redirectTo: needsRedirect ? `${basePath}?${q.toString()}` : null,
  };
}
