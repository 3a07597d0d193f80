import { z } from "zod";
import { hasControlChars } from "@/lib/validation";

/** Sign-in form: shared by the login form and the credentials provider. */
export const LoginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "Nhập tên đăng nhập.").max(64, "Tên đăng nhập quá dài.").refine((v) => !hasControlChars(v), "Tên đăng nhập không hợp lệ."),
  password: z.string().min(1, "Nhập mật khẩu.").max(200, "Mật khẩu quá dài."),
  /** the six-digit code of the authenticator app, asked for once the password is right (two-factor accounts) */
  otp: z
    .string()
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Mã xác thực gồm 6 chữ số."))
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type LoginInput = z.infer<typeof LoginSchema>;
