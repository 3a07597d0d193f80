import { z } from "zod";

// The password policy (SECURITY.md): at least 10 characters, not a common password, not the username,
// not one character repeated. Shared by the change-password form, its action and user management.

/** Lower-cased; the most used passwords worldwide and in Vietnam, and the obvious ones for this app. */
const COMMON = new Set(
  `123456 123456789 12345678 1234567890 12345678910 0123456789 987654321 0987654321 1234567891 1111111111
  0000000000 1234512345 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc qwertyuiop qwerty123 qwerty1234 qwertyuiop1
  asdfghjkl asdfghjkl1 zxcvbnm123 password password1 password12 password123 password1234 passw0rd123
  p@ssw0rd123 p@ssword123 abc1234567 abcd123456 abcdefghij abc123456789 iloveyou12 iloveyou123 princess12
  sunshine12 football12 baseball12 welcome123 welcome1234 admin12345 admin123456 administrator
  letmein123 trustno1234 dragon1234 monkey1234 superman12 master1234 changeme123 changeme1234
  matkhau123 matkhau1234 matkhaumoi matkhau@123 anhyeuem123 anhyeuem1234 emyeuanh123 yeuemnhieu
  vietnam123 vietnam1234 vietnam@123 hanoi12345 saigon12345 congan123 congan1234 congan@123 congan12345
  conganxa123 conganxa@123 congannhandan cand123456 cand@12345 bocongan123 demo@2026-cax
  khongbiet123 khongcomatkhau 11223344556 1122334455 1234qwer1234 qwer1234qwer a123456789 aa123456789
  123456789a 123456789aa 12345678a@ 123456aA@ 123456a@ 123123123123 1231231231 147258369 147258369a
  159753456 789456123 7894561230 0912345678 0987654321a 0123456789a 88888888888 6666666666 9999999999`
    .split(/\s+/)
    .filter(Boolean),
);

export const MIN_PASSWORD_LENGTH = 10;

/** Why `password` is refused for `username`, in Vietnamese; null when it is acceptable. */
export function passwordProblem(password: string, username = ""): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > 200) return "Mật khẩu dài quá 200 ký tự.";
  const lower = password.normalize("NFC").toLowerCase();
  if (COMMON.has(lower)) return "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.";
  if (new Set(lower).size < 4) return "Mật khẩu cần ít nhất 4 ký tự khác nhau.";
  const user = username.trim().toLowerCase();
  if (user.length >= 3 && lower.includes(user)) return "Mật khẩu không được chứa tên đăng nhập.";
  return null;
}

/** A new password with its confirmation; `username` is checked against when known. */
export const newPasswordFields = (username = "") => ({
  newPassword: z.string({ message: "Nhập mật khẩu mới." }).superRefine((v, ctx) => {
    const problem = passwordProblem(v, username);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  confirmPassword: z.string({ message: "Nhập lại mật khẩu mới." }),
});

const matches = (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword;
const MISMATCH = { message: "Hai lần nhập mật khẩu mới không giống nhau.", path: ["confirmPassword"] };

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string({ message: "Nhập mật khẩu hiện tại." }).min(1, { message: "Nhập mật khẩu hiện tại." }).max(200), ...newPasswordFields() })
  .refine(matches, MISMATCH);
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
