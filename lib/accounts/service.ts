import "server-only";
import { ActionError, type ActionResult } from "@/lib/actions/result";
import type { Viewer } from "@/lib/auth/session";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem, type ChangePasswordInput } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";

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
