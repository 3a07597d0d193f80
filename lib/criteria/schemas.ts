// Criteria sets (model wards, drug-free communes) and assessments: one zod schema per input.
import { z } from "zod";
import { hasControlChars, optionalText, requiredDate, requiredText, versionField } from "@/lib/validation";

export const ASSESSABLE_TYPES = ["XA", "PHUONG", "THI_TRAN", "DAC_KHU"] as const;

const list = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { message })))
    .transform((v) => [...new Set(v)]);

/** "Tên tiêu chí | trọng số | bắt buộc" per line; weight defaults to 1; "bắt buộc" (or "x") marks a must-meet criterion. */
const criteriaLines = z
  .string({ message: "Nhập các tiêu chí, mỗi dòng một tiêu chí." })
  .transform((text, ctx) => {
    const out: { name: string; weight: number; required: boolean }[] = [];
    if (hasControlChars(text)) {
      ctx.addIssue({ code: "custom", message: "Các tiêu chí có ký tự điều khiển không hợp lệ; hãy gõ lại." });
      return [];
    }
    text.normalize("NFC").split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
      const [name = "", weight = "1", req = ""] = line.split("|").map((s) => s.trim());
      const w = Number(weight || "1");
      if (!name || name.length > 300) ctx.addIssue({ code: "custom", message: `Dòng ${i + 1}: tên tiêu chí trống hoặc dài quá 300 ký tự.` });
      else if (!Number.isInteger(w) || w < 1 || w > 100) ctx.addIssue({ code: "custom", message: `Dòng ${i + 1}: trọng số phải là số nguyên từ 1 đến 100.` });
      else out.push({ name, weight: w, required: /^(bắt buộc|bat buoc|x|required)$/i.test(req) });
    });
    if (out.length === 0) ctx.addIssue({ code: "custom", message: "Cần ít nhất một tiêu chí." });
    if (out.length > 50) ctx.addIssue({ code: "custom", message: "Tối đa 50 tiêu chí." });
    return out;
  });

export const CreateSetSchema = z.object({
  name: requiredText("tên", 3, 300, "Nhập tên bộ tiêu chí."),
  description: optionalText("mô tả", 2000),
  scopeUnit: z.union([z.literal(""), z.string().trim().regex(/^\d{2,3}$/, { message: "Mã tỉnh hoặc huyện gồm 2–3 chữ số; để trống nếu áp dụng toàn quốc." })]).optional().transform((v) => v || null),
  appliesTo: list(ASSESSABLE_TYPES, "Loại đơn vị không hợp lệ.").refine((v) => v.length > 0, { message: "Chọn ít nhất một loại đơn vị áp dụng." }),
  targetYear: z.coerce.number({ message: "Nhập năm mục tiêu." }).int().min(2000, { message: "Năm mục tiêu từ 2000 đến 2100." }).max(2100, { message: "Năm mục tiêu từ 2000 đến 2100." }),
  passMark: z.coerce.number({ message: "Nhập điểm đạt (1–100)." }).int().min(1, { message: "Điểm đạt từ 1 đến 100." }).max(100, { message: "Điểm đạt từ 1 đến 100." }),
  criteria: criteriaLines,
});

export const AssessSchema = z.object({
  setId: z.coerce.number().int().positive(),
  communeId: z.coerce.number().int().positive(),
  year: z.coerce.number({ message: "Nhập năm đánh giá." }).int().min(2000, { message: "Năm không hợp lệ." }).max(2100, { message: "Năm không hợp lệ." }),
  assessedOn: requiredDate("ngày đánh giá"),
  /** the ids of the criteria met, comma-separated */
  met: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.coerce.number<string>().int().positive()))
    .transform((v) => [...new Set(v)]),
  note: optionalText("ghi chú", 1000),
  /** the assessment's version when the form was loaded; 0 for a new one */
  version: versionField(0),
});

export type CreateSetInput = z.infer<typeof CreateSetSchema>;
export type AssessInput = z.infer<typeof AssessSchema>;
