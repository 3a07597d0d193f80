import { z } from "zod";
import { parseDateInput, type IsoDate } from "@/lib/dates";

// The parameters of a report, shared by the page, the download route and the CLI: one schema, one set
// of Vietnamese messages. Dates accept YYYY-MM-DD or dd/mm/yyyy.

export const FILE_FORMATS = ["pdf", "xlsx", "csv"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** A date parameter (YYYY-MM-DD or dd/mm/yyyy) with a Vietnamese message naming it. */
export const dateParam = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const d = parseDateInput(v);
      if (!d) ctx.addIssue({ code: "custom", message: `${label} không hợp lệ: dùng dạng dd/mm/yyyy hoặc yyyy-mm-dd.` });
      return d as IsoDate;
    });

/** A unit's GSO code: 2 digits for a province, 3 for a district, 5 for a commune. */
export const unitCodeParam = z.string().trim().regex(/^\d{2,5}$/, "Mã đơn vị gồm 2 đến 5 chữ số (mã GSO).");

export const ReportParamsSchema = z
  .object({
    unit: unitCodeParam.optional(),
    asOf: dateParam("Ngày số liệu"),
    compare: dateParam("Ngày so sánh").optional(),
    format: z.enum(["html", ...FILE_FORMATS], { message: "Định dạng phải là pdf, xlsx hoặc csv." }).default("html"),
    /** the table: the unit's children, or every commune under it (the large commune-level export) */
    detail: z.enum(["children", "communes"], { message: "Bảng chi tiết phải là children hoặc communes." }).default("children"),
  })
  .refine((p) => !p.compare || p.compare < p.asOf, { message: "Ngày so sánh phải trước ngày số liệu.", path: ["compare"] });

export type ReportParams = z.infer<typeof ReportParamsSchema>;

/** The first problem of a failed parse, as one sentence for a 400 or the CLI. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Tham số không hợp lệ.";
}
