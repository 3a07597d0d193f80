// Account protection against the real database: lockout per account and per address, the password
// policy, changing the password, ending every session, and the forced password change.
import { describe, expect, it } from "vitest";
import { changePassword, signOutEverywhere } from "@/lib/accounts/service";
import { runAction } from "@/lib/actions/scoped";
import { verifyPassword } from "@/lib/auth/password";
import { ChangePasswordSchema, passwordProblem } from "@/lib/auth/password-policy";
import type { Viewer } from "@/lib/auth/session";
import { attemptSignIn, IP_FAILURES, LOCK_FAILURES } from "@/lib/auth/sign-in";
import { CreateTokenSchema } from "@/lib/tokens/schemas";
import { createToken } from "@/lib/tokens/service";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
const DEMO = "Demo@2026-cax";
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

async function locks(username: string) {
  const r = await db.client().query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'app_user' AND action = 'lock' AND entity_id = $1`, [username]);
  return r.rows[0]!.n;
}

async function viewerNamed(username: string): Promise<Viewer> {
  const r = await db.client().query(`SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.code FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE username = $1`, [username]);
  const u = r.rows[0];
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitCode: u.code };
}

describe("lockout", () => {
  it("locks an account for 15 minutes after 5 failures in 15 minutes, refuses even the right password meanwhile, and audits the lock once", async () => {
    const t0 = new Date("2026-11-20T02:00:00Z");
    for (let i = 0; i < LOCK_FAILURES - 1; i++) expect(await attemptSignIn("huyen.kyson", "sai-mat-khau", "10.0.0.1", minutes(t0, i))).toEqual({ ok: false, reason: "invalid" });
    const fifth = await attemptSignIn("huyen.kyson", "sai-mat-khau", "10.0.0.1", minutes(t0, 4));
    expect(fifth).toMatchObject({ ok: false, reason: "locked", until: minutes(t0, 19) });
    expect(await locks("huyen.kyson")).toBe(1);

    // the right password, from another address, during the lock: still refused, and not counted
    const during = await attemptSignIn("huyen.kyson", DEMO, "10.0.0.2", minutes(t0, 10));
    expect(during).toMatchObject({ ok: false, reason: "locked" });
    const counted = await db.client().query(`SELECT count(*)::int AS n FROM login_attempt WHERE username = 'huyen.kyson'`);
    expect(counted.rows[0].n).toBe(LOCK_FAILURES);
    expect(await locks("huyen.kyson")).toBe(1);

    // after the lock ends
    expect(await attemptSignIn("huyen.kyson", DEMO, "10.0.0.2", minutes(t0, 20))).toMatchObject({ ok: true });
  });

  it("does not lock on failures spread wider than 15 minutes, and a success starts the count again", async () => {
    const t0 = new Date("2026-11-20T04:00:00Z");
    for (let i = 0; i < 4; i++) await attemptSignIn("tinh.nghean", "sai", "10.0.1.1", minutes(t0, i));
    expect(await attemptSignIn("tinh.nghean", DEMO, "10.0.1.1", minutes(t0, 5))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await attemptSignIn("tinh.nghean", "sai", "10.0.1.1", minutes(t0, 6 + i))).toMatchObject({ reason: "invalid" });
    // 4 failures at 06..09, then 1 more at 30: the window holds fewer than 5
    expect(await attemptSignIn("tinh.nghean", "sai", "10.0.1.1", minutes(t0, 30))).toMatchObject({ reason: "invalid" });
    expect(await locks("tinh.nghean")).toBe(0);
  });

  it("locks a name that does not exist exactly as a real one, so a lock reveals nothing", async () => {
    const t0 = new Date("2026-11-20T06:00:00Z");
    let last;
    for (let i = 0; i < LOCK_FAILURES; i++) last = await attemptSignIn("khong.ton.tai", "sai", "10.0.2.1", minutes(t0, i));
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("blocks an address after 30 failures in 15 minutes across many names, but not other addresses", async () => {
    const t0 = new Date("2026-11-20T08:00:00Z");
    for (let i = 0; i < IP_FAILURES; i++) await attemptSignIn(`doan.ten.${i}`, "sai", "10.9.9.9", minutes(t0, i * 0.1));
    expect(await attemptSignIn("bo.vanphong", DEMO, "10.9.9.9", minutes(t0, 4))).toMatchObject({ ok: false, reason: "locked" });
    expect(await attemptSignIn("bo.vanphong", DEMO, "10.9.9.10", minutes(t0, 4))).toMatchObject({ ok: true });
  });

  it("refuses a disabled account as a wrong password", async () => {
    await db.client().query(`UPDATE app_user SET disabled = true WHERE username = 'tinh.kontum'`);
    expect(await attemptSignIn("tinh.kontum", DEMO, "10.0.3.1")).toEqual({ ok: false, reason: "invalid" });
    await db.client().query(`UPDATE app_user SET disabled = false WHERE username = 'tinh.kontum'`);
  });
});

describe("password policy", () => {
  it.each([
    ["ngắn-quá", /ít nhất 10/],
    ["1234567890", /phổ biến/],
    ["Matkhau@123", /phổ biến/],
    ["aaaaaaaaaaaa", /4 ký tự khác nhau/],
    ["xx-huyen.kyson-2026", /tên đăng nhập/],
  ])("refuses %s", (pw, why) => {
    expect(passwordProblem(pw, "huyen.kyson")).toMatch(why);
  });

  it("accepts a long passphrase with diacritics", () => {
    expect(passwordProblem("Trời hôm nay xanh lắm 2026", "huyen.kyson")).toBeNull();
  });
});

describe("changing the password and ending sessions", () => {
  it("needs the current password, applies the policy, and on success ends every session and is audited", async () => {
    const v = await viewerNamed("huyen.quynhluu");
    const change = (o: Record<string, string>) => runAction(v, ChangePasswordSchema, "account:self", changePassword, o);
    expect(await change({ currentPassword: "sai", newPassword: "Một câu dài đủ mạnh 42", confirmPassword: "Một câu dài đủ mạnh 42" })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] },
    });
    expect(await change({ currentPassword: DEMO, newPassword: "1234567890", confirmPassword: "1234567890" })).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/phổ biến/)] } });
    expect(await change({ currentPassword: DEMO, newPassword: "Một câu dài đủ mạnh 42", confirmPassword: "Một câu khác" })).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [expect.any(String)] } });

    const before = (await db.client().query(`SELECT session_version FROM app_user WHERE id = $1`, [v.id])).rows[0].session_version;
    expect(await change({ currentPassword: DEMO, newPassword: "Một câu dài đủ mạnh 42", confirmPassword: "Một câu dài đủ mạnh 42" })).toMatchObject({ ok: true });
    const after = (await db.client().query(`SELECT password_hash, session_version, must_change_password, password_changed_at FROM app_user WHERE id = $1`, [v.id])).rows[0];
    expect(after.session_version).toBe(before + 1);
    expect(after.password_changed_at).not.toBeNull();
    expect(await verifyPassword("Một câu dài đủ mạnh 42", after.password_hash)).toBe(true);
    expect(await verifyPassword(DEMO, after.password_hash)).toBe(false);
    const audit = await db.client().query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'app_user' AND entity_id = 'huyen.quynhluu' AND action = 'change_password'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it("signing out everywhere moves the session version, which every session token is checked against", async () => {
    const v = await viewerNamed("bo.vanphong");
    const before = (await db.client().query(`SELECT session_version FROM app_user WHERE id = $1`, [v.id])).rows[0].session_version;
    expect(await signOutEverywhere({}, v)).toMatchObject({ ok: true });
    const after = (await db.client().query(`SELECT session_version FROM app_user WHERE id = $1`, [v.id])).rows[0].session_version;
    expect(after).toBe(before + 1);
  });

  it("a user who must change their password can do that and nothing else", async () => {
    const v = { ...(await viewerNamed("tinh.nghean")), mustChangePassword: true };
    const r = await runAction(v, CreateTokenSchema, "manage:ownTokens", createToken, { name: "Thử", lifetime: "30" });
    expect(r).toMatchObject({ ok: false, forbidden: true, message: expect.stringMatching(/đổi mật khẩu/) });
    const c = await runAction(v, ChangePasswordSchema, "account:self", changePassword, { currentPassword: "sai", newPassword: "Một câu dài đủ mạnh 42", confirmPassword: "Một câu dài đủ mạnh 42" });
    expect(c).toMatchObject({ ok: false, fieldErrors: { currentPassword: expect.any(Array) } });
  });
});
