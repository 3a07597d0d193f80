import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/session";
import { rosterTemplateCsv, rosterTemplateXlsx } from "@/lib/import/template";

/** GET ?format=xlsx|csv — the roster template with Vietnamese headers. */
export async function GET(request: NextRequest) {
  if (!(await getViewer())) return NextResponse.json({ error: "Cần đăng nhập." }, { status: 401 });
  const format = request.nextUrl.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  if (format === "csv") {
    return new NextResponse(rosterTemplateCsv(), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="mau-danh-sach-bo-tri.csv"' },
    });
  }
  return new NextResponse(new Uint8Array(await rosterTemplateXlsx()), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="mau-danh-sach-bo-tri.xlsx"',
    },
  });
}
