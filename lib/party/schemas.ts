// Party cells and committee memberships: one zod schema per input, shared by forms and actions.
import { z } from "zod";
import { SAFE_NAME, normaliseName, requiredDate, versionField } from "@/lib/validation";

const date = requiredDate;
const id = z.coerce.number().int().positive();
const optionalId = z.union([z.literal(""), z.coerce.number().int().positive()]).optional().transform((v) => (v ? Number(v) : null));
const personName = z
  .string()
  .optional()
  .transform((v) => normaliseName(v ?? ""))
  .pipe(z.string().max(100, { message: "Tên dài quá 100 ký tự." }).regex(SAFE_NAME, { message: "Tên có ký tự không hợp lệ." }));

const secretaryFields = { secretaryOfficerId: optionalId, secretaryName: personName };

/** The secretary is an officer (picked) or a named person who is not commune police — exactly one. */
function oneSecretary(v: { secretaryOfficerId: number | null; secretaryName: string }, ctx: z.RefinementCtx) {
  if ((v.secretaryOfficerId !== null) === (v.secretaryName !== "")) {
    ctx.addIssue({ code: "custom", path: ["secretaryOfficerId"], message: "Chọn một cán bộ làm bí thư, hoặc ghi tên người không phải Công an xã (chỉ một trong hai)." });
  }
}

export const EstablishCellSchema = z.object({ communeId: id, establishedOn: date("ngày thành lập"), ...secretaryFields }).superRefine(oneSecretary);
export const ChangeSecretarySchema = z
  .object({ cellId: id, version: versionField(), date: date("ngày thay đổi"), ...secretaryFields })
  .superRefine(oneSecretary);
export const DissolveCellSchema = z.object({ cellId: id, version: versionField(), date: date("ngày giải thể") });
export const AddMembershipSchema = z.object({
  communeId: id,
  officerId: z.coerce.number({ message: "Chọn cán bộ." }).int().positive({ message: "Chọn cán bộ." }),
  committee: z.enum(["EXECUTIVE", "STANDING"], { message: "Chọn cấp ủy." }),
  startDate: date("ngày bắt đầu"),
});
export const EndMembershipSchema = z.object({ membershipId: id, date: date("ngày kết thúc") });

export type EstablishCellInput = z.infer<typeof EstablishCellSchema>;
export type ChangeSecretaryInput = z.infer<typeof ChangeSecretarySchema>;
export type DissolveCellInput = z.infer<typeof DissolveCellSchema>;
export type AddMembershipInput = z.infer<typeof AddMembershipSchema>;
export type EndMembershipInput = z.infer<typeof EndMembershipSchema>;
