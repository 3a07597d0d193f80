import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { MUST_CHANGE_PASSWORD, MUST_ENROL_TOTP, SIGNED_OUT } from "@/lib/actions/result";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { sessionEnv } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums.ts";
import { authOptions } from "./options";

/** The signed-in user as every page and data function sees them. */
export type Viewer = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** the unit whose subtree the user may see; null = nationwide (ministry, admin) */
  unitId: number | null;
  unitCode: string | null;
  /** an administrator created or reset the account: nothing but choosing a password is allowed */
  mustChangePassword?: boolean;
  /** two-factor sign-in is mandatory for the role and the user has not set it up: only that is allowed */
  mustEnrolTotp?: boolean;
};

/** The account set-up still owed before the user may work, if any (forced password change first). */
export function pendingSetup(viewer: Pick<Viewer, "mustChangePassword" | "mustEnrolTotp">): { path: string; message: string } | null {
  if (viewer.mustChangePassword) return { path: "/profile/password", message: MUST_CHANGE_PASSWORD };
  if (viewer.mustEnrolTotp) return { path: "/profile/two-factor", message: MUST_ENROL_TOTP };
  return null;
}

/** What the session token says: the user, the session version, the time of sign-in (lib/auth/options.ts). */
export type SessionClaims = { uid?: unknown; sv?: unknown; at?: unknown; [claim: string]: unknown };

/** The current viewer, or null when signed out / disabled. Read from the database once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerForSession((await getServerSession(authOptions)) as SessionClaims | null));

/**
 * The viewer a session's claims stand for, read from the database, or null when the session is over (too old,
 * signed out everywhere, password changed) or the account is disabled. Pages and actions reach it through
 * getViewer; the page cache (lib/cache/pages.ts) applies the same test to the token of a request it serves.
 */
export async function viewerForSession(claims: SessionClaims | null): Promise<Viewer | null> {
  const session = claims && typeof claims.uid === "number"
    ? { uid: claims.uid, sv: typeof claims.sv === "number" ? claims.sv : undefined, at: typeof claims.at === "number" ? claims.at : undefined }
    : null;
  if (!session) return null;
  // however active, a session ends SESSION_MAX_HOURS after sign-in (idle expiry is the token's own)
  if (!session.at || session.at * 1000 + sessionEnv().SESSION_MAX_HOURS * 3_600_000 < Date.now()) return null;
  // one statement, as every page, action and page-cache hit asks it: the user, their unit's code and their
  // role's policy (Prisma's three queries cost three times the CPU, ~1 ms a request)
  const [user] = await getDb().$queryRaw<ViewerRow[]>`
    SELECT u.id, u.username, u.display_name AS "displayName", u.role::text AS role, u.unit_id AS "unitId", u.disabled,
           u.session_version AS "sessionVersion", u.must_change_password AS "mustChangePassword",
           u.totp_enabled_at IS NOT NULL AS "totpEnabled", un.code AS "unitCode", coalesce(p.totp_required, false) AS "totpRequired"
    FROM app_user u
    LEFT JOIN unit un ON un.id = u.unit_id
    LEFT JOIN role_policy p ON p.role = u.role
    WHERE u.id = ${session.uid}`;
  // a session from before "sign out everywhere", a password change or a reset is over
  if (!user || user.disabled || user.sessionVersion !== (session.sv ?? 1)) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitCode: user.unitCode,
    mustChangePassword: user.mustChangePassword,
    mustEnrolTotp: !user.totpEnabled && user.totpRequired,
  };
}

type ViewerRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  disabled: boolean;
  sessionVersion: number;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  unitCode: string | null;
  totpRequired: boolean;
};

/**
 * The viewer of a page; signed-out visitors go to the sign-in page, and a user who owes an account set-up
 * (a new password, two-factor enrolment) to that form. `accountSetup` marks the set-up pages themselves.
 */
export async function requireViewer(opts: { accountSetup?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const setup = pendingSetup(viewer);
  if (setup && !opts.accountSetup) redirect(setup.path);
  return viewer;
}

/** The viewer of a session API route, or the answer to send instead: 401 when signed out, 403 while an account set-up is due. */
export async function apiViewer(): Promise<Viewer | NextResponse> {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: SIGNED_OUT }, { status: 401 });
  const setup = pendingSetup(viewer);
  if (setup) return NextResponse.json({ error: setup.message }, { status: 403 });
  return viewer;
}
