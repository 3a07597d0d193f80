// Personal API tokens: one zod schema per input, shared by the profile page's forms and the actions.
import { z } from "zod";
import "@/lib/validation"; // Vietnamese messages for zod

export const TOKEN_LIFETIMES = ["30", "90", "365", "never"] as const;

export const CreateTokenSchema = z.object({
  name: z
    .string({ message: "Đặt tên cho mã truy cập." })
    .trim()
    .min(1, { message: "Đặt tên cho mã truy cập, ví dụ “Báo cáo tuần”." })
    .max(80, { message: "Tên dài quá 80 ký tự." })
    .regex(/^[^<>\u0000-\u001f]*$/u, { message: "Tên có ký tự không hợp lệ." }),
  lifetime: z.enum(TOKEN_LIFETIMES, { message: "Chọn thời hạn của mã." }),
});

export const RevokeTokenSchema = z.object({ tokenId: z.coerce.number().int().positive() });

export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;
