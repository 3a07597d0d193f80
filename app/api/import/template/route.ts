import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/api/session-route";
import { rosterTemplateCsv, rosterTemplateXlsx } from "@/lib/import/template";

/** GET ?format=xlsx|csv&kind=roster|cells|returns — the import templates with Vietnamese headers. */
export const GET = sessionRoute("import template", async (request) => {
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
});
