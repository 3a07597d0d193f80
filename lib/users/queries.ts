import "server-only";
import { notFound } from "next/navigation";
import { ActionError } from "@/lib/actions/result";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam, toIsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { z } from "zod";
import { canManageUsers, loadManagedUser } from "./service";
import type { RoleName, UserListParamsSchema } from "./schemas";
import { onDate, validOn } from "@/lib/db/periods";

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  unitCode: string | null;
  unitName: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  totp: boolean;
  lastSignIn: Date | null;
  /** the day the account's unit ended (a reform of the map), when it has: the account reaches nothing after it */
  unitEndedOn: Date | null;
  /** the units it went into, "name (code)" */
  unitSuccessors: string[] | null;
};

/**
 * The accounts `viewer` manages, filtered; one SQL query. A province sees the district accounts of its
 * districts (the same rule as lib/users/service.ts#isManageable), an admin every account.
 */
export async function listUsers(viewer: Viewer, params: z.infer<typeof UserListParamsSchema>, limit = 500): Promise<UserRow[]> {
  if (!canManageUsers(viewer)) notFound();
  const today = todayInVietnam();
  const reach =
    viewer.role === "ADMIN"
      ? Prisma.sql`TRUE`
      : Prisma.sql`u.role = 'DISTRICT' AND u.unit_id IN (
          SELECT v.unit_id FROM unit_version v
           WHERE v.parent_id = ${viewer.unitId} AND ${validOn("v", onDate(today))})`;
  const q = params.q ? `%${params.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return getDb().$queryRaw<UserRow[]>`
    SELECT u.id, u.username, u.display_name AS "displayName", u.role::text AS role, un.code AS "unitCode",
           (SELECT v.name FROM unit_version v WHERE v.unit_id = u.unit_id ORDER BY v.valid_from DESC NULLS LAST LIMIT 1) AS "unitName",
           u.disabled, u.must_change_password AS "mustChangePassword", u.totp_enabled_at IS NOT NULL AS totp,
           (SELECT max(a.at) FROM login_attempt a WHERE a.username = u.username AND a.success) AS "lastSignIn",
           CASE WHEN un.valid_to <= ${today}::date THEN un.valid_to END AS "unitEndedOn",
           CASE WHEN un.valid_to <= ${today}::date THEN (
             SELECT array_agg(sv.name || ' (' || su.code || ')' ORDER BY su.code) FROM unit_succession s JOIN unit su ON su.id = s.successor_id
             JOIN unit_version sv ON sv.unit_id = su.id AND sv.valid_from = un.valid_to WHERE s.predecessor_id = un.id) END AS "unitSuccessors"
      FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id
     WHERE ${reach}
       AND (${q}::text IS NULL OR lower(u.username) LIKE ${q} OR lower(u.display_name) LIKE ${q} OR un.code LIKE ${q})
       AND (${params.role ?? null}::text IS NULL OR u.role::text = ${params.role ?? null})
       AND (${params.status ?? null}::text IS NULL
            OR (${params.status ?? null} = 'unitEnded' AND NOT u.disabled AND un.valid_to <= ${today}::date)
            OR (${params.status ?? null} IN ('active', 'disabled') AND u.disabled = (${params.status ?? null} = 'disabled')))
     ORDER BY u.role, un.code NULLS FIRST, u.username
     LIMIT ${limit}`;
}

/**
 * Active accounts whose unit has ended (a district dissolved, a province merged): they reach nothing after that
 * day, and an admin must re-scope or disable them. Admins only (0 for others).
 */
export async function countUsersOfEndedUnits(viewer: Viewer): Promise<number> {
  if (viewer.role !== "ADMIN") return 0;
  const rows = await getDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM app_user u JOIN unit un ON un.id = u.unit_id WHERE NOT u.disabled AND un.valid_to <= ${todayInVietnam()}::date`;
  return rows[0]?.n ?? 0;
}

/** One managed account for its page (404 outside the reach), with its unit and recent account events. */
export async function getManagedUser(viewer: Viewer, id: number) {
  let user;
  try {
    user = await loadManagedUser(viewer, id);
  } catch (err) {
    if (err instanceof ActionError) notFound();
    throw err;
  }
  const db = getDb();
  const [unit, events, lastSignIn] = await Promise.all([
    user.unitId ? db.unit.findUnique({ where: { id: user.unitId }, select: { code: true, validTo: true } }) : Promise.resolve(null),
    db.auditLog.findMany({
      where: { entity: "app_user", entityId: user.username },
      orderBy: { at: "desc" },
      take: 20,
      select: { id: true, at: true, action: true, user: { select: { username: true } } },
    }),
    db.loginAttempt.findFirst({ where: { username: user.username, success: true }, orderBy: { at: "desc" }, select: { at: true } }),
  ]);
  // a unit a reform ended is not offered again: its code may now name a new unit (Tuyên Quang's 08), and saving
  // the form unchanged must not move the account there; the admin enters the new unit
  const ended = unit?.validTo && toIsoDate(unit.validTo) <= todayInVietnam() ? { code: unit.code, on: toIsoDate(unit.validTo) } : null;
  return { user, unitCode: ended ? null : (unit?.code ?? null), endedUnit: ended, events, lastSignIn: lastSignIn?.at ?? null };
}

/** Whether two-factor sign-in is mandatory, per role. */
export async function totpPolicies(): Promise<Record<RoleName, boolean>> {
  const rows = await getDb().rolePolicy.findMany({ select: { role: true, totpRequired: true } });
  const out: Record<RoleName, boolean> = { DISTRICT: false, PROVINCE: false, MINISTRY: false, ADMIN: false };
  for (const r of rows) out[r.role] = r.totpRequired;
  return out;
}
