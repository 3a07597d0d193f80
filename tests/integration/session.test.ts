// The check behind every page, action, API call and page-cache hit: the viewer a session token stands for,
// read from the database, or nobody when the session is over or the account is shut.
import { describe, expect, it } from "vitest";
import { viewerForSession } from "@/lib/auth/session";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
const now = () => Math.floor(Date.now() / 1000);

async function claimsOf(username: string) {
  const r = await db.client().query(`SELECT id, session_version FROM app_user WHERE username = $1`, [username]);
  return { uid: r.rows[0].id as number, sv: r.rows[0].session_version as number, at: now() - 60 };
}

describe("viewerForSession", () => {
  it("gives the user with their role, unit and unit code; the ministry has no unit", async () => {
    const kySon = await viewerForSession(await claimsOf("huyen.kyson"));
    expect(kySon).toMatchObject({ username: "huyen.kyson", role: "DISTRICT", unitCode: "417", mustChangePassword: false, mustEnrolTotp: false });
    const unit = await db.client().query(`SELECT unit_id FROM app_user WHERE username = 'huyen.kyson'`);
    expect(kySon?.unitId).toBe(unit.rows[0].unit_id);
    expect(kySon?.displayName).not.toBe("");
    expect(await viewerForSession(await claimsOf("bo.vanphong"))).toMatchObject({ role: "MINISTRY", unitId: null, unitCode: null });
  });

  it("nobody: no claims, an unknown user, a session older than the maximum, an older session version, a disabled account", async () => {
    const claims = await claimsOf("tinh.nghean");
    expect(await viewerForSession(null)).toBeNull();
    expect(await viewerForSession({ sv: 1, at: now() })).toBeNull();
    expect(await viewerForSession({ ...claims, uid: 999_999 })).toBeNull();
    expect(await viewerForSession({ ...claims, at: now() - 9 * 3600 })).toBeNull(); // SESSION_MAX_HOURS is 8
    expect(await viewerForSession({ ...claims, at: undefined })).toBeNull();
    expect(await viewerForSession({ ...claims, sv: claims.sv - 1 })).toBeNull();
    expect(await viewerForSession(claims)).not.toBeNull();
    await db.client().query(`UPDATE app_user SET disabled = true WHERE id = $1`, [claims.uid]);
    expect(await viewerForSession(claims)).toBeNull();
    await db.client().query(`UPDATE app_user SET disabled = false WHERE id = $1`, [claims.uid]);
  });

  it("owes two-factor enrolment when the role requires it and the user has not set it up; owes a password after a reset", async () => {
    const claims = await claimsOf("tinh.kontum");
    expect(await viewerForSession(claims)).toMatchObject({ mustEnrolTotp: false }); // no policy for the role yet
    await db.client().query(`INSERT INTO role_policy (role, totp_required) VALUES ('PROVINCE', true) ON CONFLICT (role) DO UPDATE SET totp_required = true`);
    expect(await viewerForSession(claims)).toMatchObject({ mustEnrolTotp: true });
    await db.client().query(`UPDATE app_user SET totp_secret = 'enc:test', totp_enabled_at = now() WHERE id = $1`, [claims.uid]);
    expect(await viewerForSession(claims)).toMatchObject({ mustEnrolTotp: false });
    await db.client().query(`UPDATE role_policy SET totp_required = false WHERE role = 'PROVINCE'`);
    await db.client().query(`UPDATE app_user SET totp_secret = NULL, totp_enabled_at = NULL, must_change_password = true WHERE id = $1`, [claims.uid]);
    expect(await viewerForSession(claims)).toMatchObject({ mustEnrolTotp: false, mustChangePassword: true });
  });
});
