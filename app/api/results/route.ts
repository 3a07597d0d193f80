import { NextResponse } from "next/server";
import { routeError, sessionRoute } from "@/lib/api/session-route";
import { getI18n } from "@/lib/i18n/server";
import { resultsCsv, resultsXlsx } from "@/lib/results/export";
import { resolveResultsParams } from "@/lib/results/params";
import { getResults, getTargets } from "@/lib/results/queries";

/**
 * GET /api/results?unit=&from=&to=&asOf=&format=xlsx|csv[&by=children|months] — the results page as a file.
 * 401 signed out; 400 with a Vietnamese message for bad parameters; 404 outside the scope.
 */
export const GET = sessionRoute("results download", async (request, viewer) => {
  const sp = request.nextUrl.searchParams;
  const format = sp.get("format");
  const by = sp.get("by") ?? "children";
  if (format !== "xlsx" && format !== "csv") return routeError(400, "Định dạng phải là xlsx hoặc csv.");
  if (by !== "children" && by !== "months") return routeError(400, "Bảng (by) phải là children hoặc months.");
  const raw = Object.fromEntries(["unit", "from", "to", "asOf"].map((k) => [k, sp.get(k) ?? undefined]).filter(([, v]) => v));
  const params = await resolveResultsParams(viewer, raw);
  if (params === "notFound") return routeError(404, "Không tìm thấy đơn vị.");
  if (params.error) return routeError(400, params.error);
  const { unit, from, to, asOf } = params;
  const [results, targets, i18n] = await Promise.all([getResults(viewer, unit?.id ?? null, from, to, asOf), getTargets(viewer, unit?.id ?? null, asOf), getI18n()]);
  const name = `ket-qua-${unit?.code ?? "toan-quoc"}-${from}-${to}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" };
  if (format === "csv") {
    const table = by === "months" || results.byChild.length === 0 ? "months" : "children";
    return new NextResponse(resultsCsv(results, i18n, table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  }
  return new NextResponse(new Uint8Array(await resultsXlsx(results, targets, i18n, unit?.name ?? i18n.t("scope.national"))), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
});
