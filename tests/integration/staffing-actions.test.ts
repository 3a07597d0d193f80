// Staffing writes through the same path as the server actions (runAction: parse FormData with the shared
// zod schema, check permission, then the service checks scope), against the demo data.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeCoverage } from "@/lib/coverage/queries";
import { addDays, todayInVietnam } from "@/lib/dates";
import { AssignSchema, CorrectAssignmentSchema, CreateOfficerSchema, EndAssignmentSchema, TransferSchema, UpdateOfficerSchema } from "@/lib/staffing/schemas";
import * as service from "@/lib/staffing/service";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer, ngheAn: Viewer;

const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const transfer = (v: Viewer | null, o: Record<string, string | number>) => runAction(v, TransferSchema, "write:staffing", service.transferOfficer, form(o));
const endIt = (v: Viewer | null, o: Record<string, string | number>) => runAction(v, EndAssignmentSchema, "write:staffing", service.endAssignment, form(o));

async function snapshot() {
  const r = await db.client().query(`SELECT (SELECT count(*) FROM assignment)::int AS a, (SELECT count(*) FROM officer)::int AS o,
    (SELECT count(*) FROM audit_log)::int AS audit, (SELECT md5(string_agg(concat_ws('|', id, end_date, version), ',' ORDER BY id)) FROM assignment) AS h`);
  return r.rows[0];
}

/** An open OFFICER-post assignment in a district, and two other communes of it. */
async function openAssignment(districtCode: string, skip = 0) {
  const r = await db.client().query(
    `SELECT a.id, a.version, a.officer_id, a.commune_id FROM assignment a
     JOIN unit_version v ON v.unit_id = a.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
     WHERE d.code = $1 AND a.end_date IS NULL AND a.post = 'OFFICER' ORDER BY a.id OFFSET $2 LIMIT 1`,
    [districtCode, skip],
  );
  return r.rows[0] as { id: number; version: number; officer_id: number; commune_id: number };
}
async function otherCommune(districtCode: string, notId: number) {
  const r = await db.client().query(
    `SELECT v.unit_id AS id FROM unit_version v JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND v.valid_to IS NULL AND v.unit_id <> $2 AND v.type = 'XA' ORDER BY v.unit_id LIMIT 1`,
    [districtCode, notId],
  );
  return r.rows[0].id as number;
}

beforeAll(async () => {
  kySon = await viewerOf(db.client(), "DISTRICT", "417");
  quynhLuu = await viewerOf(db.client(), "DISTRICT", "421");
  ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
});

const today = () => todayInVietnam();

describe("transfer", () => {
  it("ends the current assignment and starts the new one on the same date, linked, audited, and the figures follow", async () => {
    const a = await openAssignment("417");
    const to = await otherCommune("417", a.commune_id);
    const date = today();
    const before = await computeCoverage(a.commune_id, date);
    const r = await transfer(kySon, { assignmentId: a.id, version: a.version, toCommuneId: to, post: "OFFICER", date: date.split("-").reverse().join("/") });
    expect(r).toMatchObject({ ok: true });
    const rows = await db.client().query(`SELECT id, commune_id, start_date::text, end_date::text, end_reason, previous_id FROM assignment WHERE officer_id = $1 ORDER BY start_date`, [a.officer_id]);
    const [old, next] = rows.rows.slice(-2);
    expect(old).toMatchObject({ id: a.id, end_date: date, end_reason: "TRANSFER" });
    expect(next).toMatchObject({ commune_id: to, start_date: date, end_date: null, previous_id: a.id });
    const audit = await db.client().query(`SELECT action, user_id, unit_id FROM audit_log WHERE entity = 'assignment' AND entity_id IN ($1, $2) ORDER BY id`, [String(a.id), String(next.id)]);
    expect(audit.rows.map((x) => x.action)).toEqual(["transfer-out", "transfer-in"]);
    const after = await computeCoverage(a.commune_id, date);
    expect(after.total.officers).toBe(before.total.officers - 1);
    // as of the day before, nothing changed: history is kept
    expect((await computeCoverage(a.commune_id, addDays(date, -1))).total.officers).toBe(before.total.officers);
  });

  it("a district user cannot transfer into another district, nor move another district's officer; nothing is written", async () => {
    const mine = await openAssignment("417", 1);
    const theirs = await openAssignment("421");
    const s = await snapshot();
    const r1 = await transfer(kySon, { assignmentId: mine.id, version: mine.version, toCommuneId: theirs.commune_id, post: "OFFICER", date: today() });
    expect(r1).toMatchObject({ ok: false, notFound: true });
    const r2 = await transfer(kySon, { assignmentId: theirs.id, version: theirs.version, toCommuneId: mine.commune_id, post: "OFFICER", date: today() });
    expect(r2).toMatchObject({ ok: false, notFound: true });
    const r3 = await runAction(kySon, UpdateOfficerSchema, "write:staffing", service.updateOfficer, form({ id: theirs.officer_id, version: 1, officerNumber: "X1", fullName: "Nguyễn Văn Lạ", rank: "DAI_UY", gender: "MALE" }));
    expect(r3).toMatchObject({ ok: false, notFound: true });
    expect(await snapshot()).toEqual(s);
  });

  it("the province can transfer between its districts", async () => {
    const a = await openAssignment("417", 2);
    const to = await otherCommune("421", 0);
    expect(await transfer(ngheAn, { assignmentId: a.id, version: a.version, toCommuneId: to, post: "OFFICER", date: today() })).toMatchObject({ ok: true });
  });

  it("the ministry reads only, and a signed-out caller is refused", async () => {
    const a = await openAssignment("417", 3);
    const s = await snapshot();
    expect(await transfer(ministry, { assignmentId: a.id, version: a.version, toCommuneId: a.commune_id, post: "CHIEF", date: today() })).toMatchObject({ ok: false, message: expect.stringMatching(/không có quyền/) });
    expect(await transfer(null, { assignmentId: a.id, version: a.version, toCommuneId: a.commune_id, post: "CHIEF", date: today() })).toMatchObject({ ok: false, message: expect.stringMatching(/đăng nhập/) });
    expect(await snapshot()).toEqual(s);
  });

  it("a stale version is refused with a clear message instead of overwriting", async () => {
    const a = await openAssignment("417", 4);
    const to = await otherCommune("417", a.commune_id);
    const s = await snapshot();
    const r = await transfer(kySon, { assignmentId: a.id, version: a.version + 1, toCommuneId: to, post: "OFFICER", date: today() });
    expect(r).toMatchObject({ ok: false, conflict: true, message: expect.stringMatching(/người khác thay đổi/) });
    expect(await snapshot()).toEqual(s);
  });

  it("two transfers of the same officer at once: exactly one succeeds, never two active posts", async () => {
    const a = await openAssignment("417", 5);
    const to = await otherCommune("417", a.commune_id);
    const results = await Promise.all(
      [1, 2].map(() => transfer(kySon, { assignmentId: a.id, version: a.version, toCommuneId: to, post: "OFFICER", date: today() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const open = await db.client().query(`SELECT count(*)::int AS n FROM assignment WHERE officer_id = $1 AND end_date IS NULL`, [a.officer_id]);
    expect(open.rows[0].n).toBe(1);
  });

  it("bad dates get field errors in Vietnamese: 31/02, beyond the horizon, not after the current start", async () => {
    const a = await openAssignment("417", 6);
    const to = await otherCommune("417", a.commune_id);
    const base = { assignmentId: a.id, version: a.version, toCommuneId: to, post: "OFFICER" };
    expect(await transfer(kySon, { ...base, date: "31/02/2021" })).toMatchObject({ ok: false, fieldErrors: { date: [expect.stringMatching(/không hợp lệ/)] } });
    expect(await transfer(kySon, { ...base, date: addDays(today(), 400) })).toMatchObject({ ok: false, fieldErrors: { date: [expect.stringMatching(/không được sau/)] } });
    expect(await transfer(kySon, { ...base, date: "2015-01-01" })).toMatchObject({ ok: false, fieldErrors: { date: [expect.any(String)] } });
    expect(await transfer(kySon, { ...base, date: "" })).toMatchObject({ ok: false, fieldErrors: { date: ["Nhập ngày điều động."] } });
  });

  it("a commune keeps one chief: a second chief is refused with a Vietnamese message", async () => {
    const a = await openAssignment("417", 7);
    const chief = await db.client().query(`SELECT commune_id FROM assignment WHERE post = 'CHIEF' AND end_date IS NULL AND commune_id <> $1 AND commune_id IN (SELECT v.unit_id FROM unit_version v JOIN unit d ON d.id = v.parent_id WHERE d.code = '417') LIMIT 1`, [a.commune_id]);
    const r = await transfer(kySon, { assignmentId: a.id, version: a.version, toCommuneId: chief.rows[0].commune_id, post: "CHIEF", date: today() });
    expect(r).toMatchObject({ ok: false, message: "Xã này đã có Trưởng Công an xã trong khoảng thời gian đó." });
  });
});

describe("ending an assignment", () => {
  it("records the reason and date; the officer stops counting from that date", async () => {
    const a = await openAssignment("417", 8);
    const s = await snapshot();
    expect(await endIt(quynhLuu, { assignmentId: a.id, version: a.version, date: today(), reason: "DISCIPLINE" })).toMatchObject({ ok: false, notFound: true });
    expect(await snapshot()).toEqual(s);
    const r = await endIt(kySon, { assignmentId: a.id, version: a.version, date: today(), reason: "RETIREMENT" });
    expect(r).toMatchObject({ ok: true });
    const row = await db.client().query(`SELECT end_date::text, end_reason FROM assignment WHERE id = $1`, [a.id]);
    expect(row.rows[0]).toEqual({ end_date: today(), end_reason: "RETIREMENT" });
    expect(await endIt(kySon, { assignmentId: a.id, version: a.version + 1, date: today(), reason: "OTHER" })).toMatchObject({ ok: false, conflict: true });
  });
});

describe("assigning an officer without a post", () => {
  it("assigns after the last post ended; refuses while a post is open, and outside the district", async () => {
    const a = await openAssignment("417", 11);
    const to = await otherCommune("417", a.commune_id);
    const assign = (v: Viewer, o: Record<string, string | number>) => runAction(v, AssignSchema, "write:staffing", service.assignOfficer, form(o));
    expect(await assign(kySon, { officerId: a.officer_id, communeId: to, post: "OFFICER", startDate: today() })).toMatchObject({ ok: false, conflict: true });
    expect(await endIt(kySon, { assignmentId: a.id, version: a.version, date: addDays(today(), -10), reason: "OTHER" })).toMatchObject({ ok: true });
    expect(await assign(quynhLuu, { officerId: a.officer_id, communeId: to, post: "OFFICER", startDate: today() })).toMatchObject({ ok: false, notFound: true });
    // starting before the old post ended overlaps it: the database refuses
    expect(await assign(kySon, { officerId: a.officer_id, communeId: to, post: "OFFICER", startDate: addDays(today(), -20) })).toMatchObject({ ok: false, message: expect.stringMatching(/chỉ giữ một chức danh/) });
    expect(await assign(kySon, { officerId: a.officer_id, communeId: to, post: "OFFICER", startDate: today() })).toMatchObject({ ok: true });
  });
});

describe("officers", () => {
  it("creates an officer with a first assignment, folds the name for search, audits both", async () => {
    const commune = await otherCommune("417", 0);
    const r = await runAction(kySon, CreateOfficerSchema, "write:staffing", service.createOfficer,
      form({ officerNumber: "NA-2026-001", fullName: "  Nguyễn   Văn An ", rank: "THIEU_UY", gender: "MALE", partyMember: "on", partyJoinedOn: "03/02/2020", communeId: commune, post: "OFFICER", startDate: today() }));
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { officerId: number } }).data.officerId;
    const o = await db.client().query(`SELECT full_name, search_name, party_joined_on::text FROM officer WHERE id = $1`, [id]);
    expect(o.rows[0]).toEqual({ full_name: "Nguyễn Văn An", search_name: "nguyen van an", party_joined_on: "2020-02-03" });
    const audit = await db.client().query(`SELECT entity, action FROM audit_log WHERE user_id IS NULL AND unit_id = $1 ORDER BY id DESC LIMIT 2`, [commune]);
    expect(audit.rows.map((x) => `${x.entity}:${x.action}`).sort()).toEqual(["assignment:assign", "officer:create"]);
  });

  it("refuses a duplicate officer number, a name with markup, and a party date for a non-member", async () => {
    const commune = await otherCommune("417", 0);
    const base = { officerNumber: "NA-2026-001", fullName: "Trần Văn Bình", rank: "THIEU_UY", gender: "MALE", communeId: commune, post: "OFFICER", startDate: today() };
    expect(await runAction(kySon, CreateOfficerSchema, "write:staffing", service.createOfficer, form(base))).toMatchObject({ ok: false, message: "Số hiệu cán bộ này đã tồn tại." });
    expect(await runAction(kySon, CreateOfficerSchema, "write:staffing", service.createOfficer, form({ ...base, officerNumber: "NA-2", fullName: "<script>alert(1)</script>" }))).toMatchObject({ ok: false, fieldErrors: { fullName: [expect.any(String)] } });
    expect(await runAction(kySon, CreateOfficerSchema, "write:staffing", service.createOfficer, form({ ...base, officerNumber: "NA-3", partyJoinedOn: "01/01/2020" }))).toMatchObject({ ok: false, fieldErrors: { partyJoinedOn: [expect.any(String)] } });
  });

  it("an edit with a stale version is refused; a fresh one bumps the version and keeps before/after in the audit", async () => {
    const a = await openAssignment("417", 9);
    const o = (await db.client().query(`SELECT * FROM officer WHERE id = $1`, [a.officer_id])).rows[0];
    const fields = { id: o.id, officerNumber: o.officer_number, fullName: "Hoàng Minh Đức", rank: "TRUNG_UY", gender: o.gender };
    expect(await runAction(kySon, UpdateOfficerSchema, "write:staffing", service.updateOfficer, form({ ...fields, version: o.version }))).toMatchObject({ ok: true, data: { version: o.version + 1 } });
    expect(await runAction(kySon, UpdateOfficerSchema, "write:staffing", service.updateOfficer, form({ ...fields, fullName: "Người Sau", version: o.version }))).toMatchObject({ ok: false, conflict: true });
    const audit = await db.client().query(`SELECT before->>'fullName' AS b, after->>'fullName' AS a FROM audit_log WHERE entity = 'officer' AND entity_id = $1 AND action = 'update'`, [String(o.id)]);
    expect(audit.rows).toEqual([{ b: o.full_name, a: "Hoàng Minh Đức" }]);
  });
});

describe("correcting a mistaken entry", () => {
  const correct = (v: Viewer, o: Record<string, string | number>) => runAction(v, CorrectAssignmentSchema, "write:staffing", service.correctAssignment, form(o));

  it("changes the entry in place, keeps the old values in the audit, and still obeys the database's rules", async () => {
    const a = await openAssignment("417", 10);
    const row = (await db.client().query(`SELECT start_date::text FROM assignment WHERE id = $1`, [a.id])).rows[0];
    const r = await correct(kySon, { assignmentId: a.id, version: a.version, post: "DEPUTY_CHIEF", startDate: row.start_date, endDate: "", endReason: "" });
    expect(r).toMatchObject({ ok: true });
    const audit = await db.client().query(`SELECT before->>'post' AS b, after->>'post' AS a FROM audit_log WHERE entity = 'assignment' AND entity_id = $1 AND action = 'correct'`, [String(a.id)]);
    expect(audit.rows).toEqual([{ b: "OFFICER", a: "DEPUTY_CHIEF" }]);
    expect(await correct(kySon, { assignmentId: a.id, version: a.version, post: "OFFICER", startDate: row.start_date })).toMatchObject({ ok: false, conflict: true });
    // an officer with a transfer: moving the new post's start before the old one's end would overlap
    const t = (await db.client().query(`SELECT n.id, n.version, p.start_date::text AS prev_start FROM assignment n JOIN assignment p ON p.id = n.previous_id
      JOIN unit_version v ON v.unit_id = n.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id WHERE d.code = '417' AND n.end_date IS NULL LIMIT 1`)).rows[0];
    const overlap = await correct(kySon, { assignmentId: t.id, version: t.version, post: "OFFICER", startDate: t.prev_start });
    expect(overlap).toMatchObject({ ok: false, message: expect.stringMatching(/chỉ giữ một chức danh/) });
    expect(await correct(kySon, { assignmentId: t.id, version: t.version, post: "OFFICER", startDate: "2021-01-01", endDate: "2020-01-01", endReason: "OTHER" })).toMatchObject({ ok: false, fieldErrors: { endDate: [expect.any(String)] } });
    expect(await correct(quynhLuu, { assignmentId: t.id, version: t.version, post: "OFFICER", startDate: "2021-01-01" })).toMatchObject({ ok: false, notFound: true });
  });
});

describe("audit trail", () => {
  it("cannot be edited or deleted", async () => {
    await expect(db.client().query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.client().query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.client().query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});

