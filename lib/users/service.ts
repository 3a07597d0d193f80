import "server-only";
import { randomInt } from "node:crypto";
import { ActionError, NOT_IN_SCOPE, forbidden, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { findUnitByCode } from "@/lib/units/queries";
import type { CreateUserInput, RoleName, SetDisabledInput, TotpPolicyInput, UpdateUserInput, UserIdInput } from "./schemas";

// User management (SECURITY.md). Administrators manage every account; provincial police manage the
// district-police accounts of their own province's districts, and nothing else (not their own colleagues,
// not the ministry). An account outside the manager's reach answers 404 like any unit outside it.
// Every change is written to the audit log in the same transaction. New and reset accounts get a
// temporary password shown once to the manager and must choose their own at the first sign-in.

export type ManagedUser = {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  unitId: number | null;
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
};

export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === "ADMIN" || viewer.role === "PROVINCE";
}

/** The roles `viewer` may give an account. */
export function assignableRoles(viewer: Viewer): RoleName[] {
  if (viewer.role === "ADMIN") return ["DISTRICT", "PROVINCE", "MINISTRY", "ADMIN"];
  if (viewer.role === "PROVINCE") return ["DISTRICT"];
  return [];
}

/** Is `user` (as it is now) within `viewer`'s management reach? */
export async function isManageable(viewer: Viewer, user: Pick<ManagedUser, "role" | "unitId">): Promise<boolean> {
  if (viewer.role === "ADMIN") return true;
  if (viewer.role !== "PROVINCE" || viewer.unitId === null) return false;
  return user.role === "DISTRICT" && user.unitId !== null && user.unitId !== viewer.unitId && (await isUnitInScope(viewer, user.unitId, todayInVietnam()));
}

const SELECT = { id: true, username: true, displayName: true, role: true, unitId: true, disabled: true, mustChangePassword: true, totpEnabledAt: true } as const;

/** The account `id` if `viewer` may manage it; otherwise a 404. */
export async function loadManagedUser(viewer: Viewer, id: number): Promise<ManagedUser> {
  if (!canManageUsers(viewer)) throw forbidden();
  const user = await getDb().user.findUnique({ where: { id }, select: SELECT });
  if (!user || !(await isManageable(viewer, user))) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  return user;
}

/** Resolves the unit an account of `role` is given, checking that it fits the role and the manager's reach. */
async function unitFor(viewer: Viewer, role: RoleName, unitCode: string | null): Promise<number | null> {
  if (!assignableRoles(viewer).includes(role)) throw forbidden("Bạn không được cấp vai trò này.");
  if (role === "MINISTRY" || role === "ADMIN") return null;
  const today = todayInVietnam();
  const unit = unitCode ? await findUnitByCode(unitCode, today) : null;
  const wrong = (message: string) => new ActionError(message, { fieldErrors: { unitCode: [message] } });
  if (!unit || !unit.existedOnAsOf) throw wrong("Không tìm thấy đơn vị đang tồn tại với mã này.");
  // a unit outside the manager's reach answers like one that does not exist for them (404)
  if (viewer.role !== "ADMIN" && (unit.id === viewer.unitId || !(await isUnitInScope(viewer, unit.id, today)))) {
    throw new ActionError(NOT_IN_SCOPE, { notFound: true, fieldErrors: { unitCode: ["Đơn vị này nằm ngoài phạm vi quản lý của bạn."] } });
  }
  const wanted = role === "PROVINCE" ? "PROVINCE" : "DISTRICT";
  if (unit.level !== wanted) throw wrong(role === "PROVINCE" ? "Tài khoản Công an tỉnh phải gắn với một tỉnh, thành phố." : "Tài khoản Công an cấp huyện phải gắn với một quận, huyện, thị xã.");
  return unit.id;
}

const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A temporary password the user types once: four groups of four, easy to read aloud, passes the policy. */
export function temporaryPassword(username = ""): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join(""));
    const pw = groups.join("-");
    if (!passwordProblem(pw, username)) return pw;
  }
}

const auditView = (u: Partial<ManagedUser> & { username: string }) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  totp: u.totpEnabledAt ? true : false,
});

async function audit(tx: Prisma.TransactionClient, viewer: Viewer, user: { username: string; unitId: number | null }, action: string, before?: unknown, after?: unknown) {
  await writeAudit(tx, { userId: viewer.id, unitId: user.unitId, entity: "app_user", entityId: user.username, action, before, after });
}

export async function createUser(input: CreateUserInput, viewer: Viewer): Promise<ActionResult<{ userId: number; username: string; temporaryPassword: string }>> {
  if (!canManageUsers(viewer)) throw forbidden();
  const unitId = await unitFor(viewer, input.role, input.unitCode);
  const password = temporaryPassword(input.username);
  const passwordHash = await hashPassword(password);
  const db = getDb();
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    throw new ActionError("Tên đăng nhập này đã có người dùng.", { fieldErrors: { username: ["Tên đăng nhập này đã có người dùng."] }, conflict: true });
  }
  const user = await db.$transaction(async (tx) => {
    const made = await tx.user.create({
      data: { username: input.username, displayName: input.displayName, role: input.role, unitId, passwordHash, mustChangePassword: true, createdById: viewer.id > 0 ? viewer.id : null },
      select: SELECT,
    });
    await audit(tx, viewer, made, "create", undefined, auditView(made));
    return made;
  });
  return { ok: true, data: { userId: user.id, username: user.username, temporaryPassword: password }, message: "Đã tạo tài khoản. Hãy trao mật khẩu tạm thời cho người dùng; họ phải đổi khi đăng nhập lần đầu." };
}

export async function updateUser(input: UpdateUserInput, viewer: Viewer): Promise<ActionResult<null>> {
  const before = await loadManagedUser(viewer, input.id);
  const unitId = await unitFor(viewer, input.role, input.unitCode);
  if (before.id === viewer.id && (input.role !== before.role || unitId !== before.unitId)) {
    throw new ActionError("Không thể tự thay đổi vai trò hoặc đơn vị của chính mình; hãy nhờ một quản trị viên khác.", { forbidden: true });
  }
  await getDb().$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id: before.id }, data: { displayName: input.displayName, role: input.role, unitId }, select: SELECT });
    await audit(tx, viewer, after, "update", auditView(before), auditView(after));
  });
  return { ok: true, data: null, message: "Đã lưu tài khoản." };
}

export async function setDisabled(input: SetDisabledInput, viewer: Viewer): Promise<ActionResult<null>> {
  const before = await loadManagedUser(viewer, input.id);
  if (before.id === viewer.id) throw new ActionError("Không thể tự khoá tài khoản của chính mình.", { forbidden: true });
  if (before.disabled === input.disabled) return { ok: true, data: null, message: input.disabled ? "Tài khoản đã bị khoá từ trước." : "Tài khoản đang hoạt động." };
  await getDb().$transaction(async (tx) => {
    // disabling ends every session at once; enabling does not bring old ones back
    const after = await tx.user.update({ where: { id: before.id }, data: { disabled: input.disabled, sessionVersion: { increment: 1 } }, select: SELECT });
    await audit(tx, viewer, after, input.disabled ? "disable" : "enable", auditView(before), auditView(after));
  });
  return { ok: true, data: null, message: input.disabled ? "Đã khoá tài khoản; mọi phiên đăng nhập của tài khoản đã kết thúc." : "Đã mở khoá tài khoản." };
}

export async function resetPassword(input: UserIdInput, viewer: Viewer): Promise<ActionResult<{ temporaryPassword: string }>> {
  const user = await loadManagedUser(viewer, input.id);
  if (user.id === viewer.id) throw new ActionError("Hãy đổi mật khẩu của chính mình ở trang Hồ sơ.", { forbidden: true });
  const password = temporaryPassword(user.username);
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await audit(tx, viewer, user, "reset_password");
  });
  return { ok: true, data: { temporaryPassword: password }, message: "Đã đặt lại mật khẩu; mọi phiên đăng nhập của tài khoản đã kết thúc." };
}

export async function resetTotp(input: UserIdInput, viewer: Viewer): Promise<ActionResult<null>> {
  const user = await loadManagedUser(viewer, input.id);
  if (user.id === viewer.id) throw new ActionError("Hãy quản lý xác thực hai bước của chính mình ở trang Hồ sơ.", { forbidden: true });
  if (!user.totpEnabledAt) return { ok: true, data: null, message: "Tài khoản chưa bật xác thực hai bước." };
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } } });
    await audit(tx, viewer, user, "reset_totp");
  });
  return { ok: true, data: null, message: "Đã gỡ xác thực hai bước (ví dụ khi mất điện thoại). Người dùng cần thiết lập lại nếu vai trò bắt buộc." };
}

export async function setTotpPolicy(input: TotpPolicyInput, viewer: Viewer): Promise<ActionResult<null>> {
  if (viewer.role !== "ADMIN") throw forbidden();
  const db = getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.rolePolicy.findUnique({ where: { role: input.role } });
    const updatedById = viewer.id > 0 ? viewer.id : null;
    await tx.rolePolicy.upsert({
      where: { role: input.role },
      create: { role: input.role, totpRequired: input.required, updatedById },
      update: { totpRequired: input.required, updatedById, updatedAt: new Date() },
    });
    await writeAudit(tx, {
      userId: viewer.id, unitId: null, entity: "role_policy", entityId: input.role, action: "set_totp_required",
      before: { totpRequired: before?.totpRequired ?? false }, after: { totpRequired: input.required },
    });
  });
  return { ok: true, data: null, message: input.required ? "Đã bắt buộc xác thực hai bước cho vai trò này." : "Xác thực hai bước không còn bắt buộc cho vai trò này." };
}
