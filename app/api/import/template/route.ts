import { NextResponse, type NextRequest } from "next/server";
import { MUST_CHANGE_PASSWORD } from "@/lib/actions/result";
import { getViewer } from "@/lib/auth/session";
import { rosterTemplateCsv, rosterTemplateXlsx } from "@/lib/import/template";

/** GET ?format=xlsx|csv&kind=roster|cells|returns — the import templates with Vietnamese headers. */
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Cần đăng nhập." }, { status: 401 });
  if (viewer.mustChangePassword) return NextResponse.json({ error: MUST_CHANGE_PASSWORD }, { status: 403 });
  const format = request.nextUrl.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const asked = request.nextUrl.searchParams.get("kind");
  const kind = asked === "cells" || asked === "returns" ? asked : "roster";
  const base = { roster: "mau-danh-sach-bo-tri", cells: "mau-chi-bo", returns: "mau-bao-cao-thang" }[kind];
  if (format === "csv") {
    return new NextResponse(rosterTemplateCsv(kind), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}.csv"` },
    });
  }
  return new NextResponse(new Uint8Array(await rosterTemplateXlsx(kind)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${base}.xlsx"`,
    },
  });
}
