// Monthly returns: one zod schema per input, shared by the form, the action and the tests.
import { z } from "zod";
import { optionalText, requiredDate, requiredText, versionField } from "@/lib/validation";
import { INDICATORS, parseMonth, type IndicatorKey, type Month } from "./indicators";

// a form sends text ("1.800" in vi-VN grouping is 1800; empty is 0); an import or a test may send a number
const count = z
  .preprocess((v) => (typeof v === "number" ? String(v) : v ?? ""), z.string({ message: "Nhập một số nguyên không âm." }))
  .transform((v) => v.trim())
  .transform((v) => (v === "" ? "0" : v.replace(/[.\s]/g, "")))
  .pipe(
    z.coerce
      .number<string>({ message: "Nhập một số nguyên không âm." })
      .int({ message: "Nhập một số nguyên không âm." })
      .min(0, { message: "Không được là số âm." })
      .max(10_000_000, { message: "Số quá lớn." }),
  );

const values = Object.fromEntries(INDICATORS.map((i) => [i.key, count])) as Record<IndicatorKey, typeof count>;

export const monthParam = z
  .string({ message: "Chọn tháng báo cáo." })
  .transform((v, ctx) => {
    const m = parseMonth(v);
    if (!m) ctx.addIssue({ code: "custom", message: "Tháng không hợp lệ: dùng dạng mm/yyyy." });
    return m as Month;
  });

export const SaveReturnSchema = z.object({
  communeId: z.coerce.number().int().positive(),
  month: monthParam,
  /** the version the form was loaded with; empty for a new return */
  version: z.union([z.literal(""), versionField()]).optional().transform((v) => (v ? Number(v) : null)),
  ...values,
  note: optionalText("ghi chú", 1000),
});

export const TransitionSchema = z.object({
  returnId: z.coerce.number().int().positive(),
  version: versionField(),
});

export const ReasonTransitionSchema = TransitionSchema.extend({
  reason: requiredText("lý do", 3, 1000, "Ghi lý do (ít nhất 3 ký tự)."),
});

export type SaveReturnInput = z.infer<typeof SaveReturnSchema>;
export type TransitionInput = z.infer<typeof TransitionSchema>;
export type ReasonTransitionInput = z.infer<typeof ReasonTransitionSchema>;

const INDICATOR_KEYS = INDICATORS.map((i) => i.key) as [IndicatorKey, ...IndicatorKey[]];

export const CreateTargetSchema = z
  .object({
    unit: z.string({ message: "Nhập mã đơn vị." }).trim().regex(/^\d{2,5}$/, { message: "Mã đơn vị gồm 2 đến 5 chữ số." }),
    indicator: z.enum(INDICATOR_KEYS, { message: "Chọn chỉ tiêu." }),
    title: requiredText("tên", 3, 300, "Nhập tên chỉ tiêu."),
    periodStart: requiredDate("ngày bắt đầu"),
    dueDate: requiredDate("thời hạn"),
    target: count.refine((n) => n > 0, { message: "Chỉ tiêu phải lớn hơn 0." }),
  })
  .refine((v) => v.dueDate >= v.periodStart, { message: "Thời hạn phải sau ngày bắt đầu.", path: ["dueDate"] });

export const TargetProgressSchema = z.object({
  targetId: z.coerce.number().int().positive(),
  reportedOn: requiredDate("ngày báo cáo"),
  value: count,
  note: optionalText("ghi chú", 500),
});

export type CreateTargetInput = z.infer<typeof CreateTargetSchema>;
export type TargetProgressInput = z.infer<typeof TargetProgressSchema>;
