import { NextResponse } from "next/server";
import { routeError, sessionRoute } from "@/lib/api/session-route";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { todayInVietnam } from "@/lib/dates";
import { getI18nOn } from "@/lib/i18n/server";
import { downloadHeaders, reportFileStream } from "@/lib/reports/file";
import { firstIssue, ReportParamsSchema } from "@/lib/reports/params";
import { Abandoned, QueueFull, renderSlot } from "@/lib/reports/render-slots";
import { buildReport } from "@/lib/reports/report";

/**
 * GET /api/reports?unit=&asOf=&compare=&detail=children|communes&format=pdf|xlsx|csv — the report as a
 * file, from the same figures as the dashboards, streamed as it is written. 401 signed out; 400 with a
 * Vietnamese message for bad parameters; 404 outside the scope; 503 when too many PDFs wait to be drawn.
 * A PDF waits for a render slot before it reads anything (lib/reports/render-slots.ts).
 */
export const GET = sessionRoute("report download", async (request, viewer) => {
  const raw = Object.fromEntries(request.nextUrl.searchParams);
  const parsed = ReportParamsSchema.safeParse({ asOf: todayInVietnam(), ...raw });
  if (!parsed.success) return routeError(400, firstIssue(parsed.error));
  const p = parsed.data;
  if (p.format === "html") return routeError(400, "Định dạng phải là pdf, xlsx hoặc csv.");
  const unit = await resolveUnitParam(viewer, p.unit, p.asOf);
  if (unit === "notFound") return routeError(404, "Không tìm thấy đơn vị.");
  let release: (() => void) | undefined;
  if (p.format === "pdf") {
    try {
      release = await renderSlot(request.signal);
    } catch (err) {
      if (err instanceof QueueFull) return routeError(503, BUSY, { "Retry-After": "10" });
      if (err instanceof Abandoned) return new Response(null, { status: 499 }); // nobody is there to read it
      throw err;
    }
  }
  try {
    const [report, i18n] = await Promise.all([buildReport(viewer, unit, p.asOf, p.compare ?? null, p.detail), getI18nOn(p.asOf)]);
    return new NextResponse(await reportFileStream(viewer, report, p.format, i18n, release), { headers: downloadHeaders(report, p.format) });
  } catch (err) {
    release?.();
    throw err;
  }
});

const BUSY = "Máy chủ đang bận xuất nhiều báo cáo PDF cùng lúc; vui lòng thử lại sau ít giây.";
