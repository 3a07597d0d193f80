import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ActionError, NOT_IN_SCOPE, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { CreateTokenInput } from "./schemas";

// Personal API tokens for the read API (/api/v1). A token is "cax_" + 43 characters of base64url from 32
// random bytes; the database keeps its SHA-256 only (a fast hash is enough for 256 bits of randomness),
// so a stolen database holds no usable token. A token acts as its owner — the same role and unit scope,
// re-read on every request, so disabling the owner or moving them to another unit takes effect at once —
// and can only read: the API has no method that writes. Revoking is immediate and permanent.

const PREFIX = "cax_";
const DAY = 86_400_000;
/** last_used_at is written at most this often per token, so a busy script does not write on every call */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

export type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function listTokens(viewer: Viewer): Promise<TokenRow[]> {
  return getDb().apiToken.findMany({
    where: { userId: viewer.id },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** Creates a token for the viewer and returns its secret — the only time anyone sees it. */
export async function createToken(input: CreateTokenInput, viewer: Viewer): Promise<ActionResult<{ id: number; secret: string; prefix: string }>> {
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, 12);
  const expiresAt = input.lifetime === "never" ? null : new Date(Date.now() + Number(input.lifetime) * DAY);
  const token = await getDb().$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId: viewer.id, name: input.name, prefix, tokenHash: hashToken(secret), expiresAt } });
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: viewer.unitId,
      entity: "api_token",
      entityId: created.id,
      action: "create",
      after: { name: created.name, prefix, expiresAt },
    });
    return created;
  });
  return { ok: true, data: { id: token.id, secret, prefix }, message: "Đã tạo mã truy cập. Hãy sao chép ngay: mã chỉ hiện một lần." };
}

/** Revokes one of the viewer's own tokens; someone else's token is "not found". */
export async function revokeToken(input: { tokenId: number }, viewer: Viewer): Promise<ActionResult<null>> {
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: input.tokenId, userId: viewer.id } });
    if (!token) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
    if (token.revokedAt) throw new ActionError("Mã này đã bị thu hồi trước đó.", { conflict: true });
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: viewer.unitId,
      entity: "api_token",
      entityId: token.id,
      action: "revoke",
      before: { name: token.name, prefix: token.prefix },
      after: { revokedAt },
    });
  });
  return { ok: true, data: null, message: "Đã thu hồi mã truy cập; mọi yêu cầu dùng mã này sẽ bị từ chối." };
}

/**
 * The viewer a request acts as, from its `Authorization: Bearer <token>` header; null when the header is
 * missing or malformed, or the token is unknown, revoked or expired, or its owner is disabled.
 */
export async function authenticateToken(authorization: string | null): Promise<Viewer | null> {
  const m = /^Bearer\s+(cax_[A-Za-z0-9_-]{43})\s*$/.exec(authorization ?? "");
  if (!m) return null;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(m[1]!) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, username: true, displayName: true, role: true, unitId: true, disabled: true, mustChangePassword: true, unit: { select: { code: true } } } },
    },
  });
  const now = new Date();
  // an account under a password reset reads nothing until its owner has chosen a new password
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.user.disabled || token.user.mustChangePassword) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  const u = token.user;
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, unitCode: u.unit?.code ?? null };
}
