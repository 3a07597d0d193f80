import { apiJson, apiRoute, childJson, CoverageQuerySchema, figuresJson, notFoundError, parseQuery, unitJson } from "@/lib/api/v1";
import { getCoverage } from "@/lib/coverage/queries";
import { resolveUnitParam } from "@/lib/coverage/scope-params";

/**
 * GET /api/v1/coverage?unit=<code>&asOf=YYYY-MM-DD — the figures of a unit (default: the token owner's
 * unit; the country for the ministry) and of each of its children, as on the dashboard.
 */
export const GET = apiRoute(async (request, viewer) => {
  const q = parseQuery(request, CoverageQuerySchema);
  if ("response" in q) return q.response;
  const unit = await resolveUnitParam(viewer, q.data.unit, q.data.asOf);
  if (unit === "notFound") return notFoundError();
  const coverage = await getCoverage(viewer, unit?.id ?? null, q.data.asOf);
  return apiJson({ asOf: q.data.asOf, unit: unitJson(unit), figures: figuresJson(coverage.total), children: coverage.children.map(childJson) });
});
