// Concurrent edits (issue 8): two users transferring the same officer at the same moment. Both requests
// run on their own connections of the app's pool; exactly one wins, the other is told the record changed,
// and the officer never holds two open posts — whatever the order the database happens to pick.
import { beforeAll, describe, expect, it } from "vitest";
import { STALE_VERSION } from "@/lib/actions/result";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { addDays, todayInVietnam } from "@/lib/dates";
import { AssignSchema, EndAssignmentSchema, TransferSchema } from "@/lib/staffing/schemas";
import * as service from "@/lib/staffing/service";
import { withTestDatabase } from "../support/db";
import { viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, ngheAn: Viewer;

const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};

beforeAll(async () => {
  kySon = await viewerOf(db.client(), "DISTRICT", "417");
  ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
});

async function openAssignments(n: number) {
  const r = await db.client().query(
    `SELECT a.id, a.version, a.officer_id, a.commune_id FROM assignment a
       JOIN unit_version v ON v.unit_id = a.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
      WHERE d.code = '417' AND a.end_date IS NULL AND a.post = 'OFFICER' ORDER BY a.id LIMIT $1`,
    [n],
  );
  return r.rows as { id: number; version: number; officer_id: number; commune_id: number }[];
}

async function communesOf(district: string) {
  const r = await db.client().query(
    `SELECT v.unit_id AS id FROM unit_version v JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND v.valid_to IS NULL AND v.type = 'XA' ORDER BY v.unit_id`,
    [district],
  );
  return r.rows.map((x) => x.id as number);
}

async function openPostsOf(officerId: number) {
  const r = await db.client().query(`SELECT count(*)::int AS n FROM assignment WHERE officer_id = $1 AND end_date IS NULL`, [officerId]);
  return r.rows[0].n as number;
}

describe("two users transfer the same officer at once", () => {
  it("exactly one succeeds in each of 8 races; the loser is told to reload; one open post, one pair of audit rows", async () => {
    const rows = await openAssignments(8);
    expect(rows).toHaveLength(8);
    const communes = await communesOf("417");
    const date = todayInVietnam();
    const auditBefore = (await db.client().query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'assignment'`)).rows[0].n as number;

    for (const a of rows) {
      const [to1, to2] = communes.filter((c) => c !== a.commune_id) as [number, number];
      const results = await Promise.all([
        runAction(kySon, TransferSchema, "write:staffing", service.transferOfficer, form({ assignmentId: a.id, version: a.version, toCommuneId: to1, post: "OFFICER", date })),
        runAction(ngheAn, TransferSchema, "write:staffing", service.transferOfficer, form({ assignmentId: a.id, version: a.version, toCommuneId: to2, post: "OFFICER", date })),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers[0]).toMatchObject({ ok: false, conflict: true, message: STALE_VERSION });
      expect(await openPostsOf(a.officer_id)).toBe(1);
      // the open post is the winner's
      const won = winners[0] as { ok: true; data: { assignmentId: number } };
      const open = await db.client().query(`SELECT id FROM assignment WHERE officer_id = $1 AND end_date IS NULL`, [a.officer_id]);
      expect(open.rows[0].id).toBe(won.data.assignmentId);
    }
    const auditAfter = (await db.client().query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'assignment'`)).rows[0].n as number;
    expect(auditAfter - auditBefore).toBe(rows.length * 2);
  });

  it("two users assigning the same unassigned officer at once: one post is created, the other is refused", async () => {
    const communes = await communesOf("417");
    // an officer of Kỳ Sơn whose post ended yesterday, so both users may assign them again
    const a = (await openAssignments(1))[0]!;
    const date = todayInVietnam();
    const ended = await runAction(kySon, EndAssignmentSchema, "write:staffing", service.endAssignment, form({ assignmentId: a.id, version: a.version, date: addDays(date, -1), reason: "OTHER" }));
    expect(ended).toMatchObject({ ok: true });
    const officerId = a.officer_id;
    expect(await openPostsOf(officerId)).toBe(0);
    const results = await Promise.all(
      [communes[0]!, communes[1]!].map((communeId, i) =>
        runAction(i === 0 ? kySon : ngheAn, AssignSchema, "write:staffing", service.assignOfficer, form({ officerId, communeId, post: "OFFICER", startDate: date })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: "Cán bộ đang giữ một chức danh; hãy dùng Điều động." });
    expect(await openPostsOf(officerId)).toBe(1);
  });

  it("even a write that skips the app's checks cannot give an officer two overlapping posts (exclusion constraint)", async () => {
    const a = (await openAssignments(1))[0]!;
    const communes = await communesOf("417");
    const other = communes.find((c) => c !== a.commune_id)!;
    await expect(
      db.client().query(`INSERT INTO assignment (officer_id, commune_id, post, start_date, version) VALUES ($1, $2, 'OFFICER', CURRENT_DATE, 1)`, [a.officer_id, other]),
    ).rejects.toThrow(/assignment_officer_no_overlap/);
    expect(await openPostsOf(a.officer_id)).toBe(1);
  });
});
