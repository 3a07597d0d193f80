import { z } from "zod";
import { idField, normaliseName, SAFE_NAME } from "@/lib/validation";

// The inputs of user management (lib/users/service.ts), shared by the forms and the actions.

export const ROLES = ["DISTRICT", "PROVINCE", "MINISTRY", "ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

const role = z.enum(ROLES, { message: "Chọn vai trò." });

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

const username = z
  .string({ message: "Nhập tên đăng nhập." })
  .trim()
  .toLowerCase()
  .regex(USERNAME, { message: "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới." });

const displayName = z
  .string({ message: "Nhập họ tên." })
  .transform(normaliseName)
  .pipe(
    z
      .string()
      .min(2, { message: "Nhập họ tên (ít nhất 2 ký tự)." })
      .max(120, { message: "Họ tên dài quá 120 ký tự." })
      .regex(SAFE_NAME, { message: "Họ tên không được chứa ký tự điều khiển hoặc < > { } = @." }),
  );

/** A unit code for district and province roles; empty for the national ones. */
const unitCode = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(z.string().regex(/^\d{2,5}$/, { message: "Mã đơn vị gồm 2–5 chữ số." }).nullable());

const needsUnit = (v: { role: RoleName; unitCode: string | null }) => (v.role === "DISTRICT" || v.role === "PROVINCE" ? v.unitCode !== null : v.unitCode === null);
const UNIT_MISMATCH = { message: "Công an tỉnh và cấp huyện cần mã đơn vị; Văn phòng Bộ và quản trị không gắn đơn vị.", path: ["unitCode"] };

export const CreateUserSchema = z.object({ username, displayName, role, unitCode }).refine(needsUnit, UNIT_MISMATCH);
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({ id: idField("tài khoản"), displayName, role, unitCode }).refine(needsUnit, UNIT_MISMATCH);
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const UserIdSchema = z.object({ id: idField("tài khoản") });
export type UserIdInput = z.infer<typeof UserIdSchema>;

export const SetDisabledSchema = z.object({ id: idField("tài khoản"), disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export type SetDisabledInput = z.infer<typeof SetDisabledSchema>;

export const TotpPolicySchema = z.object({ role, required: z.enum(["true", "false"]).transform((v) => v === "true") });
export type TotpPolicyInput = z.infer<typeof TotpPolicySchema>;

/** The filters of the user list. */
export const UserListParamsSchema = z.object({
  q: z.string().transform((v) => v.normalize("NFC").trim()).pipe(z.string().max(64)).optional().catch(undefined),
  role: role.optional().catch(undefined),
  status: z.enum(["active", "disabled", "unitEnded"]).optional().catch(undefined),
});
