import { z } from "zod";
import "@/lib/validation"; // Vietnamese messages for zod

const code = z
  .string({ message: "Nhập mã 6 chữ số trong ứng dụng xác thực." })
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { message: "Mã xác thực gồm 6 chữ số." }));

export const ConfirmTotpSchema = z.object({ code });
export type ConfirmTotpInput = z.infer<typeof ConfirmTotpSchema>;

export const DisableTotpSchema = z.object({
  currentPassword: z.string({ message: "Nhập mật khẩu hiện tại." }).min(1, { message: "Nhập mật khẩu hiện tại." }).max(200),
  code,
});
export type DisableTotpInput = z.infer<typeof DisableTotpSchema>;
