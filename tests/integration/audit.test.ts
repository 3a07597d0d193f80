// The audit trail as users read it: scoped to their units, filterable by officer, unit, user and date.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import { changedFields, listAudit } from "@/lib/audit/queries";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { EndAssignmentSchema } from "@/lib/staffing/schemas";
import * as service from "@/lib/staffing/service";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer, ngheAn: Viewer;
const ended: Record<string, { id: number; officer_id: number }> = {};

async function endOne(viewer: Viewer, district: string) {
  const a = (await db.client().query(
    `SELECT a.id, a.version, a.officer_id FROM assignment a JOIN unit_version v ON v.unit_id = a.commune_id AND v.valid_to IS NULL
     JOIN unit d ON d.id = v.parent_id WHERE d.code = $1 AND a.end_date IS NULL AND a.post = 'OFFICER' ORDER BY a.id LIMIT 1`, [district])).rows[0];
  const f = new FormData();
  for (const [k, v] of Object.entries({ assignmentId: a.id, version: a.version, date: todayInVietnam(), reason: "OTHER" })) f.set(k, String(v));
  expect(await runAction(viewer, EndAssignmentSchema, "write:staffing", service.endAssignment, f)).toMatchObject({ ok: true });
  ended[district] = a;
}

beforeAll(async () => {
  // real users, so the log names who did it
  const users = await db.client().query<{ username: string; id: number }>(`SELECT username, id FROM app_user`);
  const idOf = (u: string) => users.rows.find((r) => r.username === u)!.id;
  kySon = { ...(await viewerOf(db.client(), "DISTRICT", "417")), id: idOf("huyen.kyson") };
  quynhLuu = { ...(await viewerOf(db.client(), "DISTRICT", "421")), id: idOf("huyen.quynhluu") };
  ngheAn = { ...(await viewerOf(db.client(), "PROVINCE", "40")), id: idOf("tinh.nghean") };
  await endOne(kySon, "417");
  await endOne(quynhLuu, "421");
});

describe("audit log", () => {
  it("a district sees its own district's changes only; the province and the ministry see both", async () => {
    const mine = await listAudit(kySon, {});
    expect(mine.rows.map((r) => r.username)).toEqual(["huyen.kyson"]);
    // besides what people did, the demo's history holds the system's carrying of officers through the
    // 2023–2025 commune mergers (none of them in Kỳ Sơn)
    const byPeople = (rows: { username: string | null }[]) => rows.filter((r) => r.username !== null);
    const province = (await listAudit(ngheAn, {})).rows;
    expect(byPeople(province).map((r) => r.username).sort()).toEqual(["huyen.kyson", "huyen.quynhluu"]);
    expect(province.filter((r) => r.username === null).every((r) => r.action === "reorganise")).toBe(true);
    expect(byPeople((await listAudit(ministry, {})).rows)).toHaveLength(2);
  });

  it("filters by officer, unit, user and date", async () => {
    const byOfficer = await listAudit(ngheAn, { officer: String(ended["421"]!.officer_id) });
    expect(byOfficer.rows).toHaveLength(1);
    expect(byOfficer.rows[0]).toMatchObject({ entity: "assignment", action: "end", username: "huyen.quynhluu" });
    expect((await listAudit(ngheAn, { unit: "417" })).rows.map((r) => r.username)).toEqual(["huyen.kyson"]);
    expect((await listAudit(ngheAn, { user: "HUYEN.KYSON" })).rows).toHaveLength(1);
    expect((await listAudit(ngheAn, { from: "2000-01-01" as never, to: "2000-12-31" as never })).rows).toHaveLength(0);
    expect((await listAudit(ngheAn, { from: todayInVietnam(), to: todayInVietnam() })).rows.filter((r) => r.username !== null)).toHaveLength(2);
  });

  it("shows what changed, field by field", async () => {
    const [row] = (await listAudit(kySon, {})).rows;
    const changes = changedFields(row!.before, row!.after).map((c) => c.field).sort();
    expect(changes).toEqual(["endDate", "endReason"]);
  });
});
