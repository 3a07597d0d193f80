// Two-factor sign-in against the real database: enrolment confirmed by a code, the sign-in asking for
// the code after the right password (and counting a wrong code as a failure), no replay, the secret
// stored encrypted, switching it off, and an administrator's reset.
import { beforeAll, describe, expect, it } from "vitest";
import { confirmTotp, disableTotp, pendingTotpSecret, startTotp } from "@/lib/accounts/service";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { codeForStep, stepAt } from "@/lib/auth/totp";
import { TotpPolicySchema, UserIdSchema } from "@/lib/users/schemas";
import * as users from "@/lib/users/service";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
const DEMO = "Demo@2026-cax";
let kySon: Viewer, ngheAn: Viewer, admin: Viewer;

async function viewerNamed(username: string): Promise<Viewer> {
  const r = await db.client().query(`SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.code FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE username = $1`, [username]);
  const u = r.rows[0];
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitCode: u.code };
}
const attempts = async (username: string) => (await db.client().query(`SELECT success FROM login_attempt WHERE username = $1 ORDER BY id`, [username])).rows.map((r) => r.success);

beforeAll(async () => {
  [kySon, ngheAn, admin] = await Promise.all(["huyen.kyson", "tinh.nghean", "quantri"].map(viewerNamed)) as [Viewer, Viewer, Viewer];
});

describe("two-factor sign-in", () => {
  let secret: string;
  const t0 = new Date("2026-11-22T03:00:00Z");
  const code = (at: Date) => codeForStep(secret, stepAt(at));
  const later = (s: number) => new Date(t0.getTime() + s * 1000);

  it("enrolment needs a right code; the secret is stored encrypted", async () => {
    await startTotp({}, kySon);
    secret = (await pendingTotpSecret(kySon))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const stored = (await db.client().query(`SELECT totp_secret, totp_enabled_at FROM app_user WHERE id = $1`, [kySon.id])).rows[0];
    expect(stored.totp_secret).not.toContain(secret);
    expect(stored.totp_enabled_at).toBeNull();
    // until confirmed, the password alone still signs in
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.1", t0)).toMatchObject({ ok: true });

    const wrong = String((Number(code(t0)) + 1) % 1_000_000).padStart(6, "0");
    await expect(confirmTotp({ code: wrong }, kySon, t0)).rejects.toThrow(/Mã không đúng/);
    expect(await confirmTotp({ code: code(t0) }, kySon, t0)).toMatchObject({ ok: true });
    expect(await pendingTotpSecret(kySon)).toBeNull();
  });

  it("after the password the code is asked for; neither the ask nor the password alone counts as a success", async () => {
    await db.client().query(`DELETE FROM login_attempt WHERE username = 'huyen.kyson'`);
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.1", later(60))).toEqual({ ok: false, reason: "otp_required" });
    expect(await attempts("huyen.kyson")).toEqual([]);
    // a wrong password with any code is a plain failure (it does not reveal two-factor)
    expect(await attemptSignIn("huyen.kyson", "sai-mat-khau", "10.8.0.1", later(61), code(later(61)))).toEqual({ ok: false, reason: "invalid" });
    // a wrong code counts like a wrong password
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.1", later(62), "000000" === code(later(62)) ? "111111" : "000000")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempts("huyen.kyson")).toEqual([false, false]);
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.1", later(90), code(later(90)))).toMatchObject({ ok: true });
    // the same code again, within its 30 seconds: refused (no replay)
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.1", later(95), code(later(90)))).toEqual({ ok: false, reason: "invalid" });
  });

  it("five wrong codes lock the account like five wrong passwords", async () => {
    await db.client().query(`DELETE FROM login_attempt WHERE username = 'huyen.kyson'`);
    let last;
    for (let i = 0; i < 5; i++) last = await attemptSignIn("huyen.kyson", DEMO, "10.8.0.2", later(300 + i), "123456" === code(later(300 + i)) ? "654321" : "123456");
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("switching it off needs the password and a fresh code, and is refused while the role requires it", async () => {
    const at = later(3600);
    await expect(disableTotp({ currentPassword: "sai", code: code(at) }, kySon, at)).rejects.toThrow(/Mật khẩu hiện tại không đúng/);
    expect(await runAction(admin, TotpPolicySchema, "manage:users", users.setTotpPolicy, { role: "DISTRICT", required: "true" })).toMatchObject({ ok: true });
    await expect(disableTotp({ currentPassword: DEMO, code: code(at) }, kySon, at)).rejects.toThrow(/bắt buộc/);
    await runAction(admin, TotpPolicySchema, "manage:users", users.setTotpPolicy, { role: "DISTRICT", required: "false" });
    expect(await disableTotp({ currentPassword: DEMO, code: code(at) }, kySon, at)).toMatchObject({ ok: true });
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'app_user' AND entity_id = 'huyen.kyson' AND action LIKE '%totp' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(["enable_totp", "disable_totp"]);
  });

  it("the province resets a district user's second factor (lost phone); the password alone works again", async () => {
    await startTotp({}, kySon);
    secret = (await pendingTotpSecret(kySon))!;
    const at = later(7200);
    await confirmTotp({ code: code(at) }, kySon, at);
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.3", later(7300))).toEqual({ ok: false, reason: "otp_required" });
    expect(await runAction(ngheAn, UserIdSchema, "manage:users", users.resetTotp, { id: kySon.id })).toMatchObject({ ok: true });
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.8.0.3", later(7400))).toMatchObject({ ok: true });
  });
});
