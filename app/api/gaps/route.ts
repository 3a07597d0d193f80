import { NextResponse } from "next/server";
import { routeError, sessionRoute } from "@/lib/api/session-route";
import { getGapList, GapQuerySchema } from "@/lib/coverage/gaps";
import { gapListRows } from "@/lib/coverage/gaps-format";
import { resolveGapScope } from "@/lib/coverage/scope-params";
import { toCsv } from "@/lib/csv";
import { parseAsOf } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";

/**
 * GET /api/gaps?kind=&unit=&asOf=&q=&within=&sort=&dir= — a whole gap list as CSV (UTF-8, BOM), the same
 * rows and order as the page shows. 401 signed out; 404 for a unit outside the viewer's scope.
 */
export const GET = sessionRoute("gaps download", async (request, viewer) => {
  const sp = Object.fromEntries(request.nextUrl.searchParams);
  const query = GapQuerySchema.parse(sp);
  const { asOf, invalid } = parseAsOf(sp.asOf);
  if (invalid) return routeError(400, "Ngày không hợp lệ; dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd.");
  const unitCode = typeof sp.unit === "string" && /^\d{2,5}$/.test(sp.unit) ? sp.unit : undefined;
  if (sp.unit !== undefined && unitCode === undefined) return routeError(404, "Không tìm thấy đơn vị.");
  const scope = await resolveGapScope(viewer, unitCode, query.within, asOf);
  if (!scope) return routeError(404, "Không tìm thấy đơn vị.");
  const { unit, within } = scope;
  const list = await getGapList(viewer, unit?.id ?? null, asOf, query, within?.unitId ?? null, "all");
  const i18n = await getI18n();
  const name = `ds-${query.kind}-${unit?.code ?? "toan-quoc"}-${asOf}.csv`;
  return new NextResponse(toCsv(gapListRows(list, i18n)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
