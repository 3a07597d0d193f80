// User management against the real database: who may manage whom (admins everything, a province only
// its districts' district accounts), the temporary password and forced change, disabling ending every
// session, role changes within the reach, the per-role two-factor policy, and an audit row for each.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import { verifyPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/session";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { listUsers } from "@/lib/users/queries";
import { CreateUserSchema, UserListParamsSchema, SetDisabledSchema, TotpPolicySchema, UpdateUserSchema, UserIdSchema } from "@/lib/users/schemas";
import * as service from "@/lib/users/service";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
let admin: Viewer, ngheAn: Viewer, kontum: Viewer, kySon: Viewer, ministry: Viewer;

async function viewerNamed(username: string): Promise<Viewer> {
  const r = await db.client().query(`SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.code FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE username = $1`, [username]);
  const u = r.rows[0];
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitCode: u.code };
}
const idOf = async (username: string) => (await viewerNamed(username)).id;
const row = async (username: string) => (await db.client().query(`SELECT * FROM app_user WHERE username = $1`, [username])).rows[0];
const auditOf = async (username: string) =>
  (await db.client().query(`SELECT action, user_id FROM audit_log WHERE entity = 'app_user' AND entity_id = $1 ORDER BY id`, [username])).rows;

const create = (v: Viewer, o: Record<string, string>) => runAction(v, CreateUserSchema, "manage:users", service.createUser, o);
const update = (v: Viewer, o: Record<string, string | number>) => runAction(v, UpdateUserSchema, "manage:users", service.updateUser, o);
const disable = (v: Viewer, id: number, disabled: boolean) => runAction(v, SetDisabledSchema, "manage:users", service.setDisabled, { id, disabled: String(disabled) });
const reset = (v: Viewer, id: number) => runAction(v, UserIdSchema, "manage:users", service.resetPassword, { id });

beforeAll(async () => {
  [admin, ngheAn, kontum, kySon, ministry] = await Promise.all(["quantri", "tinh.nghean", "tinh.kontum", "huyen.kyson", "bo.vanphong"].map(viewerNamed)) as [Viewer, Viewer, Viewer, Viewer, Viewer];
});

describe("creating accounts", () => {
  it("a province creates a district account in its own district: temporary password shown once, forced change, audited", async () => {
    const r = await create(ngheAn, { username: "huyen.quynhluu2", displayName: "Trần  Thị   Hoa", role: "DISTRICT", unitCode: "421" });
    expect(r).toMatchObject({ ok: true, data: { username: "huyen.quynhluu2" } });
    const temp = (r as { ok: true; data: { temporaryPassword: string } }).data.temporaryPassword;
    expect(temp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const u = await row("huyen.quynhluu2");
    expect(u).toMatchObject({ display_name: "Trần Thị Hoa", role: "DISTRICT", must_change_password: true, created_by_id: ngheAn.id, disabled: false });
    expect(u.password_hash).not.toContain(temp);
    expect(await verifyPassword(temp, u.password_hash)).toBe(true);
    expect(await auditOf("huyen.quynhluu2")).toEqual([{ action: "create", user_id: ngheAn.id }]);
    expect(await attemptSignIn("huyen.quynhluu2", temp, "10.9.0.1")).toMatchObject({ ok: true });
  });

  it("a province cannot create outside its districts, nor province, ministry or admin accounts; nothing is written", async () => {
    const before = (await db.client().query(`SELECT count(*)::int AS n FROM app_user`)).rows[0].n;
    expect(await create(ngheAn, { username: "x.kontum", displayName: "Người Ngoài", role: "DISTRICT", unitCode: "611" })).toMatchObject({
      ok: false, notFound: true, fieldErrors: { unitCode: ["Đơn vị này nằm ngoài phạm vi quản lý của bạn."] },
    });
    expect(await create(ngheAn, { username: "x.own", displayName: "Tỉnh Mình", role: "DISTRICT", unitCode: "40" })).toMatchObject({ ok: false, fieldErrors: { unitCode: [expect.any(String)] } });
    for (const role of ["PROVINCE", "MINISTRY", "ADMIN"]) {
      expect(await create(ngheAn, { username: `x.${role.toLowerCase()}`, displayName: "Vai Trò Khác", role, unitCode: role === "PROVINCE" ? "40" : "" })).toMatchObject({ ok: false, forbidden: true });
    }
    expect((await db.client().query(`SELECT count(*)::int AS n FROM app_user`)).rows[0].n).toBe(before);
  });

  it("district and ministry users may not manage accounts at all (403)", async () => {
    expect(await create(kySon, { username: "x.kyson", displayName: "Cán Bộ", role: "DISTRICT", unitCode: "417" })).toMatchObject({ ok: false, forbidden: true });
    expect(await create(ministry, { username: "x.bo", displayName: "Cán Bộ", role: "DISTRICT", unitCode: "417" })).toMatchObject({ ok: false, forbidden: true });
    expect(await disable(ministry, kySon.id, true)).toMatchObject({ ok: false, forbidden: true });
  });

  it("refuses a taken username, a unit that does not fit the role, and bad fields, with Vietnamese messages", async () => {
    expect(await create(admin, { username: "HUYEN.KYSON", displayName: "Trùng Tên", role: "DISTRICT", unitCode: "417" })).toMatchObject({ ok: false, conflict: true });
    expect(await create(admin, { username: "x.tinh", displayName: "Sai Cấp", role: "PROVINCE", unitCode: "417" })).toMatchObject({ ok: false, fieldErrors: { unitCode: [expect.stringMatching(/tỉnh/)] } });
    expect(await create(admin, { username: "x.bo2", displayName: "Sai Cấp", role: "MINISTRY", unitCode: "40" })).toMatchObject({ ok: false, fieldErrors: { unitCode: [expect.any(String)] } });
    const bad = await create(admin, { username: "a b", displayName: "<script>x</script>", role: "KING", unitCode: "" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { username: [expect.any(String)], displayName: [expect.any(String)], role: ["Chọn vai trò."] } });
  });
});

describe("managing accounts", () => {
  it("a province sees and manages only its districts' district accounts; others are 404", async () => {
    const list = await listUsers(ngheAn, {});
    expect(list.map((u) => u.username)).toEqual(expect.arrayContaining(["huyen.kyson", "huyen.quynhluu"]));
    expect(list.every((u) => u.role === "DISTRICT")).toBe(true);
    expect(list.map((u) => u.username)).not.toContain("tinh.nghean");
    const adminList = await listUsers(admin, { role: "PROVINCE" });
    expect(adminList.map((u) => u.username)).toEqual(expect.arrayContaining(["tinh.nghean", "tinh.kontum"]));
    // a name typed with combining marks (NFD) finds the same accounts as the precomposed one
    const nfc = (await listUsers(admin, { q: "Kỳ Sơn" })).map((u) => u.username);
    expect(nfc).toContain("huyen.kyson");
    expect((await listUsers(admin, UserListParamsSchema.parse({ q: "Kỳ Sơn".normalize("NFD") }))).map((u) => u.username)).toEqual(nfc);
    expect(await listUsers(admin, { q: "%" })).toEqual([]);
    expect((await listUsers(admin, { q: "kyson" })).map((u) => u.username)).toContain("huyen.kyson");

    for (const other of ["tinh.kontum", "bo.vanphong", "quantri", "tinh.nghean"]) {
      expect(await disable(ngheAn, await idOf(other), true)).toMatchObject({ ok: false, notFound: true });
      expect(await reset(ngheAn, await idOf(other))).toMatchObject({ ok: false, notFound: true });
    }
    expect(await disable(kontum, kySon.id, true)).toMatchObject({ ok: false, notFound: true });
    expect(await disable(ngheAn, 999_999, true)).toMatchObject({ ok: false, notFound: true });
  });

  it("disabling ends every session and sign-in; enabling lets the user in again; both audited", async () => {
    const id = await idOf("huyen.quynhluu");
    const sv = (await row("huyen.quynhluu")).session_version;
    expect(await disable(ngheAn, id, true)).toMatchObject({ ok: true });
    expect((await row("huyen.quynhluu")).session_version).toBe(sv + 1);
    expect(await attemptSignIn("huyen.quynhluu", "Demo@2026-cax", "10.9.0.2")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await disable(ngheAn, id, false)).toMatchObject({ ok: true });
    expect(await attemptSignIn("huyen.quynhluu", "Demo@2026-cax", "10.9.0.2")).toMatchObject({ ok: true });
    expect((await auditOf("huyen.quynhluu")).map((a) => a.action)).toEqual(["disable", "enable"]);
  });

  it("a reset password replaces the old one, forces a change and ends sessions", async () => {
    const id = await idOf("huyen.kyson");
    const r = await reset(ngheAn, id);
    expect(r).toMatchObject({ ok: true });
    const temp = (r as { ok: true; data: { temporaryPassword: string } }).data.temporaryPassword;
    expect(await attemptSignIn("huyen.kyson", "Demo@2026-cax", "10.9.0.3")).toMatchObject({ ok: false });
    expect(await attemptSignIn("huyen.kyson", temp, "10.9.0.3")).toMatchObject({ ok: true });
    expect((await row("huyen.kyson")).must_change_password).toBe(true);
    expect((await auditOf("huyen.kyson")).at(-1)).toEqual({ action: "reset_password", user_id: ngheAn.id });
  });

  it("moves an account to another district within the reach, but not out of it; an admin cannot demote themselves", async () => {
    const id = await idOf("huyen.quynhluu2");
    expect(await update(ngheAn, { id, displayName: "Trần Thị Hoa", role: "DISTRICT", unitCode: "417" })).toMatchObject({ ok: true });
    expect((await row("huyen.quynhluu2")).unit_id).toBe(kySon.unitId);
    expect(await update(ngheAn, { id, displayName: "Trần Thị Hoa", role: "DISTRICT", unitCode: "611" })).toMatchObject({ ok: false, fieldErrors: { unitCode: [expect.any(String)] } });
    expect(await update(ngheAn, { id, displayName: "Trần Thị Hoa", role: "PROVINCE", unitCode: "40" })).toMatchObject({ ok: false, forbidden: true });
    expect((await row("huyen.quynhluu2")).role).toBe("DISTRICT");
    const audit = await db.client().query(`SELECT before->>'unitId' AS b, after->>'unitId' AS a FROM audit_log WHERE entity = 'app_user' AND entity_id = 'huyen.quynhluu2' AND action = 'update'`);
    expect(audit.rows).toEqual([{ b: String((await viewerNamed("huyen.quynhluu")).unitId), a: String(kySon.unitId) }]);

    expect(await update(admin, { id: admin.id, displayName: "Quản trị", role: "MINISTRY", unitCode: "" })).toMatchObject({ ok: false, forbidden: true });
    expect(await disable(admin, admin.id, true)).toMatchObject({ ok: false, forbidden: true });
    expect(await update(admin, { id, displayName: "Trần Thị Hoa", role: "PROVINCE", unitCode: "62" })).toMatchObject({ ok: true });
  });
});

describe("two-factor policy per role", () => {
  it("only an admin sets it; each change is audited", async () => {
    expect(await runAction(ngheAn, TotpPolicySchema, "manage:users", service.setTotpPolicy, { role: "DISTRICT", required: "true" })).toMatchObject({ ok: false, forbidden: true });
    expect(await runAction(admin, TotpPolicySchema, "manage:users", service.setTotpPolicy, { role: "ADMIN", required: "true" })).toMatchObject({ ok: true });
    expect(await runAction(admin, TotpPolicySchema, "manage:users", service.setTotpPolicy, { role: "ADMIN", required: "false" })).toMatchObject({ ok: true });
    const r = await db.client().query(`SELECT totp_required FROM role_policy WHERE role = 'ADMIN'`);
    expect(r.rows[0].totp_required).toBe(false);
    const audit = await db.client().query(`SELECT after->>'totpRequired' AS v FROM audit_log WHERE entity = 'role_policy' AND entity_id = 'ADMIN' ORDER BY id`);
    expect(audit.rows.map((x) => x.v)).toEqual(["true", "false"]);
  });
});
