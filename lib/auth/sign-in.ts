import "server-only";
import { getDb } from "@/lib/db";
import { hasControlChars } from "@/lib/validation";
import { verifyPassword } from "./password";
import { open } from "./secret-box";
import { verifyCode } from "./totp";

// Sign-in with lockout (SECURITY.md). Attempts live in PostgreSQL (login_attempt), so the limits hold
// across app nodes and restarts:
// - an account name is locked for 15 minutes after 5 failed attempts within 15 minutes (counted since its
//   last successful sign-in), whether or not the account exists, so a lock does not reveal that;
// - an address is blocked for 15 minutes after 30 failed attempts within 15 minutes, whatever the names;
// - attempts refused during a lock are not counted, so a lock cannot be prolonged forever by guessing;
// - the start of each lock is written to the audit log;
// - with two-factor sign-in on, the right password alone is neither a success nor a failure: the form asks
//   for the code ("otp_required"); a wrong code is a failure like a wrong password, and an accepted code's
//   time step is stored so it cannot be replayed.

export const LOCK_FAILURES = 5;
export const IP_FAILURES = 30;
export const WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: number; displayName: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "otp_required" }
  | { ok: false; reason: "locked"; until: Date };

/** When the current lock on `column` = `value` ends, or null. A lock starts at the failure that makes `limit` within the window. */
async function lockedUntil(column: "username" | "ip", value: string, limit: number, now: Date): Promise<Date | null> {
  const rows = await getDb().$queryRawUnsafe<{ until: Date | null }[]>(
    `WITH since AS (
       SELECT coalesce(max(at), '-infinity') AS t FROM login_attempt WHERE ${column} = $1 AND success AND at <= $2
     ), fails AS (
       SELECT at, count(*) OVER (ORDER BY at RANGE BETWEEN $3::interval PRECEDING AND CURRENT ROW) AS n
         FROM login_attempt, since
        WHERE ${column} = $1 AND NOT success AND at > since.t AND at > $2::timestamptz - 2 * $3::interval AND at <= $2
     )
     SELECT max(at) + $3::interval AS until FROM fails WHERE n >= $4`,
    value,
    now,
    `${WINDOW_MINUTES} minutes`,
    limit,
  );
  const until = rows[0]?.until ?? null;
  return until && until > now ? until : null;
}

/** The lock in force on the name or the address (the later end when both), and which one it is. */
async function currentLock(username: string, ip: string, now: Date): Promise<{ until: Date; reason: "account" | "address" } | null> {
  const [a, b] = await Promise.all([lockedUntil("username", username, LOCK_FAILURES, now), lockedUntil("ip", ip, IP_FAILURES, now)]);
  if (a && (!b || a >= b)) return { until: a, reason: "account" };
  return b ? { until: b, reason: "address" } : null;
}

/** Checks a sign-in; records it; locks and audits when it is one failure too many. `now` is for tests. */
export async function attemptSignIn(usernameRaw: string, password: string, ipRaw: string, now: Date = new Date(), otp?: string): Promise<SignInResult> {
  const username = usernameRaw.trim().toLowerCase().slice(0, 64);
  const ip = ipRaw.slice(0, 64);
  // a name no account can have (PostgreSQL would refuse a NUL in the lookup): a failed sign-in, nothing recorded
  if (hasControlChars(username)) return { ok: false, reason: "invalid" };
  const db = getDb();
  const before = await currentLock(username, ip, now);
  if (before) return { ok: false, reason: "locked", until: before.until };

  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, displayName: true, passwordHash: true, disabled: true, sessionVersion: true, unitId: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  const good = await verifyPassword(password, user?.passwordHash ?? null);
  let ok = Boolean(user && good && !user.disabled);
  if (ok && user?.totpEnabledAt && user.totpSecret) {
    if (!otp) return { ok: false, reason: "otp_required" };
    const secret = open(user.totpSecret);
    const acceptedStep = secret ? verifyCode(secret, otp, now, user.totpLastStep === null ? null : Number(user.totpLastStep)) : null;
    // claim the step atomically: of two sign-ins racing with one code, only one gets through
    const claimed = acceptedStep === null ? 0 : (await db.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(acceptedStep) } }] },
      data: { totpLastStep: BigInt(acceptedStep) },
    })).count;
    ok = claimed === 1;
  }
  await db.loginAttempt.create({ data: { username, ip, success: ok, at: now } });
  if (ok && user) {
    return { ok: true, user: { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion } };
  }

  const after = await currentLock(username, ip, now);
  if (after) {
    await db.auditLog.create({
      data: {
        userId: user?.id ?? null,
        unitId: user?.unitId ?? null,
        entity: "app_user",
        entityId: username,
        action: "lock",
        after: { until: after.until.toISOString(), ip, reason: after.reason },
      },
    });
    return { ok: false, reason: "locked", until: after.until };
  }
  return { ok: false, reason: "invalid" };
}
