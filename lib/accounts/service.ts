import "server-only";
import { ActionError, type ActionResult } from "@/lib/actions/result";
import type { Viewer } from "@/lib/auth/session";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem, type ChangePasswordInput } from "@/lib/auth/password-policy";
import { open, seal } from "@/lib/auth/secret-box";
import { generateSecret, verifyCode } from "@/lib/auth/totp";
import { getDb } from "@/lib/db";
import type { ConfirmTotpInput, DisableTotpInput } from "./schemas";

// The signed-in user's own account: choosing a new password and ending every session. Both bump the
// session version, so every session token issued before — on this device and any other — stops working.

export async function changePassword(input: ChangePasswordInput, viewer: Viewer): Promise<ActionResult<null>> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true, username: true } });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ActionError("Mật khẩu hiện tại không đúng.", { fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] } });
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new ActionError(problem, { fieldErrors: { newPassword: [problem] } });
  if (await verifyPassword(input.newPassword, user.passwordHash)) {
    throw new ActionError("Mật khẩu mới phải khác mật khẩu hiện tại.", { fieldErrors: { newPassword: ["Mật khẩu mới phải khác mật khẩu hiện tại."] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: viewer.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await tx.auditLog.create({ data: { userId: viewer.id, unitId: viewer.unitId, entity: "app_user", entityId: viewer.username, action: "change_password" } });
  });
  return { ok: true, data: null, message: "Đã đổi mật khẩu. Hãy đăng nhập lại bằng mật khẩu mới." };
}

export async function signOutEverywhere(_input: unknown, viewer: Viewer): Promise<ActionResult<null>> {
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.auditLog.create({ data: { userId: viewer.id, unitId: viewer.unitId, entity: "app_user", entityId: viewer.username, action: "sign_out_everywhere" } });
  });
  return { ok: true, data: null, message: "Đã đăng xuất khỏi mọi thiết bị." };
}

// Two-factor sign-in (TOTP). Enrolment is two steps: a secret is made and shown (QR code), and only a
// code from the app confirms it — so a user cannot lock themselves out with a mistyped secret.

/** Starts (or restarts) enrolment: a new secret, not yet in force. */
export async function startTotp(_input: unknown, viewer: Viewer): Promise<ActionResult<null>> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw new ActionError("Xác thực hai bước đang bật; hãy tắt trước nếu muốn đổi ứng dụng.", { conflict: true });
  await db.user.update({ where: { id: viewer.id }, data: { totpSecret: seal(generateSecret()), totpLastStep: null } });
  return { ok: true, data: null };
}

/** The secret being enrolled, for the QR code; null when there is none (or it is already in force). */
export async function pendingTotpSecret(viewer: Viewer): Promise<string | null> {
  const user = await getDb().user.findUnique({ where: { id: viewer.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || user.totpEnabledAt) return null;
  return open(user.totpSecret);
}

const WRONG_CODE = "Mã không đúng hoặc đã hết hạn. Kiểm tra giờ trên điện thoại rồi nhập mã mới nhất.";

export async function confirmTotp(input: ConfirmTotpInput, viewer: Viewer, now: Date = new Date()): Promise<ActionResult<null>> {
  const secret = await pendingTotpSecret(viewer);
  if (!secret) throw new ActionError("Chưa có mã bí mật đang chờ xác nhận; hãy bắt đầu thiết lập lại.", { conflict: true });
  const step = verifyCode(secret, input.code, now, null);
  if (step === null) throw new ActionError(WRONG_CODE, { fieldErrors: { code: [WRONG_CODE] } });
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { totpEnabledAt: now, totpLastStep: BigInt(step) } });
    await tx.auditLog.create({ data: { userId: viewer.id, unitId: viewer.unitId, entity: "app_user", entityId: viewer.username, action: "enable_totp" } });
  });
  return { ok: true, data: null, message: "Đã bật xác thực hai bước. Từ lần đăng nhập sau, hãy nhập mã trong ứng dụng." };
}

export async function disableTotp(input: DisableTotpInput, viewer: Viewer, now: Date = new Date()): Promise<ActionResult<null>> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true, role: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) throw new ActionError("Xác thực hai bước chưa bật.", { conflict: true });
  const policy = await db.rolePolicy.findUnique({ where: { role: user.role } });
  if (policy?.totpRequired) throw new ActionError("Vai trò của bạn bắt buộc xác thực hai bước; không thể tắt.", { forbidden: true });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ActionError("Mật khẩu hiện tại không đúng.", { fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] } });
  }
  const secret = open(user.totpSecret);
  const step = secret ? verifyCode(secret, input.code, now, user.totpLastStep === null ? null : Number(user.totpLastStep)) : null;
  if (step === null) throw new ActionError(WRONG_CODE, { fieldErrors: { code: [WRONG_CODE] } });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.auditLog.create({ data: { userId: viewer.id, unitId: viewer.unitId, entity: "app_user", entityId: viewer.username, action: "disable_totp" } });
  });
  return { ok: true, data: null, message: "Đã tắt xác thực hai bước." };
}
