import { NextResponse, type NextRequest } from "next/server";
import { apiViewer } from "@/lib/auth/session";
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
export async function GET(request: NextRequest) {
  const viewer = await apiViewer();
  if (viewer instanceof Response) return viewer;
  const sp = Object.fromEntries(request.nextUrl.searchParams);
  const query = GapQuerySchema.parse(sp);
  const { asOf, invalid } = parseAsOf(sp.asOf);
  if (invalid) return NextResponse.json({ error: "Ngày không hợp lệ; dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd." }, { status: 400 });
  const unitCode = typeof sp.unit === "string" && /^\d{2,5}$/.test(sp.unit) ? sp.unit : undefined;
  if (sp.unit !== undefined && unitCode === undefined) return NextResponse.json({ error: "Không tìm thấy đơn vị." }, { status: 404 });
  const scope = await resolveGapScope(viewer, unitCode, query.within, asOf);
  if (!scope) return NextResponse.json({ error: "Không tìm thấy đơn vị." }, { status: 404 });
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
}
