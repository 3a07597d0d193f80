import { apiJson, apiRoute, GapsQuerySchema, notFoundError, parseQuery, unitJson } from "@/lib/api/v1";
import { getGapList } from "@/lib/coverage/gaps";
import { resolveGapScope } from "@/lib/coverage/scope-params";

/**
 * GET /api/v1/gaps?kind=<list>&unit=&asOf=&q=&within=&sort=&dir=&page=&pageSize= — one of the six gap
 * lists of the dashboard (unstaffed communes, under norm, no chief, …), paginated, in the page's order.
 */
export const GET = apiRoute(async (request, viewer) => {
  const q = parseQuery(request, GapsQuerySchema);
  if ("response" in q) return q.response;
  const { asOf, page, pageSize, ...query } = q.data;
  const scope = await resolveGapScope(viewer, query.unit, query.within, asOf);
  // ?within= must name a child of the unit; the page ignores a wrong one, the API says so
  if (!scope || (query.within && !scope.within)) return notFoundError();
  const list = await getGapList(viewer, scope.unit?.id ?? null, asOf, { ...query, page }, scope.within?.unitId ?? null, page, pageSize);
  return apiJson({
    asOf,
    unit: unitJson(scope.unit),
    kind: list.kind,
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    pageSize,
    sort: list.sort,
    // codes, names and figures only: the rows' internal ids and page links stay inside the app
    rows: list.rows.map(({ href: _href, id: _id, ...row }) => row),
  });
});
