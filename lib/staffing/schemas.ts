// One zod schema per staffing input, shared by the forms (client-side check), the server actions, the
// import and the API. FormData arrives as strings: everything is coerced here, messages in Vietnamese.
import { z } from "zod";
import { SAFE_NAME, idField, normaliseName, optionalDate, optionalText, requiredDate, versionField } from "@/lib/validation";

export const RANKS = ["HA_SI", "TRUNG_SI", "THUONG_SI", "THIEU_UY", "TRUNG_UY", "THUONG_UY", "DAI_UY", "THIEU_TA", "TRUNG_TA", "THUONG_TA", "DAI_TA", "THIEU_TUONG", "TRUNG_TUONG", "THUONG_TUONG", "DAI_TUONG"] as const;
export const POSTS = ["CHIEF", "DEPUTY_CHIEF", "OFFICER"] as const;
export const END_REASONS = ["RETIREMENT", "DISCIPLINE", "OTHER"] as const;

const id = idField;

/** No control characters and no angle brackets in names: names are printed in PDFs and spreadsheets too. */
const personName = z
  .string({ message: "Nhập họ và tên." })
  .transform(normaliseName)
  .pipe(
    z
      .string()
      .min(2, { message: "Họ và tên quá ngắn." })
      .max(100, { message: "Họ và tên dài quá 100 ký tự." })
      .regex(SAFE_NAME, { message: "Họ và tên có ký tự không hợp lệ." }),
  );

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === true);

export const OfficerFieldsSchema = z
  .object({
    officerNumber: z
      .string({ message: "Nhập số hiệu." })
      .trim()
      .min(1, { message: "Nhập số hiệu." })
      .max(20, { message: "Số hiệu dài quá 20 ký tự." })
      .regex(/^[0-9A-Za-z-]+$/, { message: "Số hiệu chỉ gồm chữ, số và dấu gạch ngang." }),
    fullName: personName,
    rank: z.enum(RANKS, { message: "Chọn cấp bậc." }),
    gender: z.enum(["MALE", "FEMALE"], { message: "Chọn giới tính." }),
    birthDate: optionalDate("ngày sinh"),
    ethnicity: optionalText("dân tộc", 40),
    partyMember: checkbox,
    partyJoinedOn: optionalDate("ngày vào Đảng"),
  })
  .superRefine((v, ctx) => {
    if (v.partyJoinedOn && !v.partyMember) ctx.addIssue({ code: "custom", path: ["partyJoinedOn"], message: "Chỉ nhập ngày vào Đảng cho đảng viên." });
    if (v.birthDate && v.birthDate > "2010-01-01") ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Ngày sinh không hợp lý." });
  });

export const CreateOfficerSchema = OfficerFieldsSchema.and(
  z.object({ communeId: id("xã"), post: z.enum(POSTS, { message: "Chọn chức danh." }), startDate: requiredDate("ngày bắt đầu") }),
);
export type CreateOfficerInput = z.infer<typeof CreateOfficerSchema>;

export const UpdateOfficerSchema = OfficerFieldsSchema.and(z.object({ id: id("cán bộ"), version: versionField() }));
export type UpdateOfficerInput = z.infer<typeof UpdateOfficerSchema>;

export const TransferSchema = z.object({
  assignmentId: id("chức danh hiện tại"),
  version: versionField(),
  toCommuneId: id("xã đến"),
  post: z.enum(POSTS, { message: "Chọn chức danh." }),
  date: requiredDate("ngày điều động"),
});
export type TransferInput = z.infer<typeof TransferSchema>;

export const EndAssignmentSchema = z.object({
  assignmentId: id("chức danh"),
  version: versionField(),
  date: requiredDate("ngày thôi giữ chức danh"),
  reason: z.enum(END_REASONS, { message: "Chọn lý do." }),
});
export type EndAssignmentInput = z.infer<typeof EndAssignmentSchema>;

/** The largest staffing norm of a commune (also the database's check commune_setting_norm_range). */
export const MAX_STAFFING_NORM = 50;

export const CommuneSettingsSchema = z.object({
  communeId: z.coerce.number().int().positive(),
  /** the version of the setting in force now (0 when the commune has none yet) */
  version: z.coerce.number().int().min(0),
  staffingNorm: z.coerce
    .number({ message: "Nhập định biên." })
    .int({ message: "Định biên là số nguyên." })
    .min(1, { message: "Định biên tối thiểu là 1." })
    .max(MAX_STAFFING_NORM, { message: `Định biên tối đa là ${MAX_STAFFING_NORM}.` }),
  isBorder: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  /** "" follows the plans; "true" / "false" overrides them from effectiveFrom */
  inProgramme: z
    .union([z.literal(""), z.literal("true"), z.literal("false")], { message: "Chọn diện triển khai." })
    .optional()
    .transform((v) => (v === "true" ? true : v === "false" ? false : null)),
  phaseId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional().transform((v) => (v ? Number(v) : null)),
  effectiveFrom: requiredDate("ngày áp dụng"),
});
export type CommuneSettingsInput = z.infer<typeof CommuneSettingsSchema>;

/** Correcting a mistaken entry (wrong post or dates typed): the audit log keeps what it was. */
export const CorrectAssignmentSchema = z
  .object({
    assignmentId: id("chức danh"),
    version: versionField(),
    post: z.enum(POSTS, { message: "Chọn chức danh." }),
    startDate: requiredDate("ngày bắt đầu"),
    endDate: optionalDate("ngày kết thúc"),
    endReason: z.union([z.enum(["TRANSFER", ...END_REASONS]), z.literal("")]).optional().transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate <= v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Ngày kết thúc phải sau ngày bắt đầu." });
    if (v.endDate && !v.endReason) ctx.addIssue({ code: "custom", path: ["endReason"], message: "Có ngày kết thúc thì phải chọn lý do." });
    if (!v.endDate && v.endReason) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Có lý do thì phải có ngày kết thúc." });
  });
export type CorrectAssignmentInput = z.infer<typeof CorrectAssignmentSchema>;

/** Assign an officer who holds no post now to a commune and post. */
export const AssignSchema = z.object({
  officerId: id("cán bộ"),
  communeId: id("xã"),
  post: z.enum(POSTS, { message: "Chọn chức danh." }),
  startDate: requiredDate("ngày bắt đầu"),
});
export type AssignInput = z.infer<typeof AssignSchema>;
