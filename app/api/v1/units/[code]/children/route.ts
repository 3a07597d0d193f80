import { apiError, apiJson, apiRoute, childJson, ChildrenQuerySchema, notFoundError, parseQuery, unitJson } from "@/lib/api/v1";
import { getCoverage } from "@/lib/coverage/queries";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { unitCodeParam } from "@/lib/reports/params";

/**
 * GET /api/v1/units/<code>/children?asOf=YYYY-MM-DD — the units directly under <code> on that date
 * (districts of a province, communes of a district), each with its figures: the drill-down of the dashboard.
 */
export const GET = apiRoute<{ code: string }>(async (request, viewer, params) => {
  const code = unitCodeParam.safeParse(params.code);
  if (!code.success) return apiError(400, code.error.issues[0]!.message);
  const q = parseQuery(request, ChildrenQuerySchema);
  if ("response" in q) return q.response;
  const unit = await resolveUnitParam(viewer, code.data, q.data.asOf);
  if (unit === "notFound" || unit === null) return notFoundError();
  const coverage = await getCoverage(viewer, unit.id, q.data.asOf);
  return apiJson({ asOf: q.data.asOf, unit: unitJson(unit), children: coverage.children.map(childJson) });
});
