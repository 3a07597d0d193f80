import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { getSeries } from "@/lib/coverage/series";
import type { I18n } from "@/lib/i18n";
import { reportCsvStream, reportXlsxStream } from "./export";
import type { FileFormat } from "./params";
import { reportPdfStream } from "./pdf";
import type { Report } from "./report";

// A report as a downloadable file, the same for the download route, the read API and `npm run report`.

export const CONTENT_TYPES: Record<FileFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** "bao-cao-40-2021-04-23.pdf", "bao-cao-cap-xa-toan-quoc-2021-04-23.xlsx" */
export function reportFileName(report: Report, format: FileFormat): string {
  const detail = report.detail === "communes" ? "cap-xa-" : "";
  return `bao-cao-${detail}${report.unit?.code ?? "toan-quoc"}-${report.asOf}.${format}`;
}

/**
 * The file's bytes as a stream: rows are written as they are laid out, never the whole file at once.
 * A PDF calls `drawn` when its drawing has ended (its render slot's release; ./render-slots.ts).
 */
export async function reportFileStream(viewer: Viewer, report: Report, format: FileFormat, i18n: I18n, drawn?: () => void): Promise<ReadableStream<Uint8Array>> {
  if (format === "csv") return reportCsvStream(report, i18n);
  if (format === "xlsx") return reportXlsxStream(report, i18n);
  const series = await getSeries(viewer, report.unit?.id ?? null, report.asOf);
  return reportPdfStream(report, series, i18n, drawn);
}

/** Headers for a download: attachment with the file name, never cached by a shared cache. */
export function downloadHeaders(report: Report, format: FileFormat): Record<string, string> {
  return {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${reportFileName(report, format)}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
