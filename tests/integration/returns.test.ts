// Monthly returns: every workflow step and who may take it, locked edits refused, reopen audited, and the
// completeness / timeliness / totals figures — including on past dates and when a commune leaves the programme.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import type { IsoDate } from "@/lib/dates";
import type { Month } from "@/lib/results/indicators";
import { computeResults, dueDateOf } from "@/lib/results/queries";
import { ReasonTransitionSchema, SaveReturnSchema, TransitionSchema } from "@/lib/results/schemas";
import * as service from "@/lib/results/service";
import ExcelJS from "exceljs";
import { i18nFor } from "@/lib/i18n";
import { resultsCsv, resultsXlsx } from "@/lib/results/export";
import { getTargets } from "@/lib/results/queries";
import { targetStatusText } from "@/lib/results/format";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer, ngheAn: Viewer;
let communes: { id: number; code: string }[];

const values = { securityReports: "12", crimeReports: "2", casesCleared: "1", suspects: "1", adminSanctions: "0", educationFiles: "0", rehabFiles: "0", collectiveAwards: "0", individualAwards: "1", chipIdApplications: "1.800" };
const save = (v: Viewer | null, o: Record<string, unknown>) => runAction(v, SaveReturnSchema, "workflow:returns", service.saveReturn, o);
const step = (name: "submit" | "approve", v: Viewer, o: Record<string, unknown>) =>
  runAction(v, TransitionSchema, "workflow:returns", name === "submit" ? service.submitReturn : service.approveReturn, o);
const withReason = (name: "return" | "reopen", v: Viewer, o: Record<string, unknown>) =>
  runAction(v, ReasonTransitionSchema, "workflow:returns", name === "return" ? service.returnReturn : service.reopenReturn, o);

beforeAll(async () => {
  [kySon, quynhLuu, ngheAn] = await Promise.all([viewerOf(db.client(), "DISTRICT", "417"), viewerOf(db.client(), "DISTRICT", "421"), viewerOf(db.client(), "PROVINCE", "40")]);
  communes = (
    await db.client().query(
      `SELECT u.id, u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
       WHERE d.code = '417' AND v.type = 'XA' ORDER BY u.code LIMIT 4`,
    )
  ).rows;
});

const statusOf = async (id: number) => (await db.client().query(`SELECT status, version FROM monthly_return WHERE id = $1`, [id])).rows[0] as { status: string; version: number };

describe("the workflow", () => {
  it("district saves and submits, province approves, the return is locked, a reopen is audited and lets the district correct it", async () => {
    const communeId = communes[0]!.id;
    const saved = await save(kySon, { communeId, month: "05/2021", ...values, note: "Tháng 5" });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const { returnId } = (saved as { data: { returnId: number } }).data;
    expect(await statusOf(returnId)).toEqual({ status: "DRAFT", version: 1 });
    expect((await db.client().query(`SELECT chip_id_applications FROM monthly_return WHERE id = $1`, [returnId])).rows[0].chip_id_applications).toBe(1800);

    // a district cannot approve; a province cannot approve a draft
    expect(await step("approve", kySon, { returnId, version: 1 })).toMatchObject({ ok: false, message: "Chỉ Công an tỉnh duyệt, trả lại hoặc mở lại báo cáo." });
    expect(await step("approve", ngheAn, { returnId, version: 1 })).toMatchObject({ ok: false, conflict: true });

    expect(await step("submit", kySon, { returnId, version: 1 })).toMatchObject({ ok: true, data: { status: "SUBMITTED", version: 2 } });
    // submitted: the district can no longer change it
    expect(await save(kySon, { communeId, month: "2021-05", version: 2, ...values })).toMatchObject({ ok: false, message: expect.stringContaining("đang chờ Công an tỉnh duyệt") });
    expect(await step("approve", ngheAn, { returnId, version: 2 })).toMatchObject({ ok: true, data: { status: "APPROVED", version: 3 } });

    // approved: locked for everyone
    for (const who of [kySon, ngheAn]) {
      expect(await save(who, { communeId, month: "2021-05", version: 3, ...values, securityReports: "99" })).toMatchObject({ ok: false, message: expect.stringContaining("đã được duyệt và khóa") });
    }
    expect((await db.client().query(`SELECT security_reports FROM monthly_return WHERE id = $1`, [returnId])).rows[0].security_reports).toBe(12);
    // the district cannot reopen; the province must give a reason
    expect(await withReason("reopen", kySon, { returnId, version: 3, reason: "Sai số liệu" })).toMatchObject({ ok: false });
    expect(await withReason("reopen", ngheAn, { returnId, version: 3, reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringContaining("Ghi lý do")] } });
    expect(await withReason("reopen", ngheAn, { returnId, version: 3, reason: "Xã báo cáo nhầm số tin" })).toMatchObject({ ok: true, data: { status: "RETURNED" } });

    expect(await save(kySon, { communeId, month: "2021-05", version: 4, ...values, securityReports: "13" })).toMatchObject({ ok: true, data: { version: 5 } });
    expect(await step("submit", kySon, { returnId, version: 5 })).toMatchObject({ ok: true });

    const events = await db.client().query(`SELECT action, from_status, to_status, reason FROM return_event WHERE return_id = $1 ORDER BY id`, [returnId]);
    expect(events.rows.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
      ["create", null, "DRAFT"],
      ["submit", "DRAFT", "SUBMITTED"],
      ["approve", "SUBMITTED", "APPROVED"],
      ["reopen", "APPROVED", "RETURNED"],
      ["update", "RETURNED", "RETURNED"],
      ["submit", "RETURNED", "SUBMITTED"],
    ]);
    expect(events.rows[3].reason).toBe("Xã báo cáo nhầm số tin");
    const audit = await db.client().query(`SELECT action, after FROM audit_log WHERE entity = 'monthly_return' AND entity_id = $1 ORDER BY id`, [String(returnId)]);
    expect(audit.rows.map((a) => a.action)).toEqual(["create", "submit", "approve", "reopen", "update", "submit"]);
    expect(audit.rows[3].after).toEqual({ status: "RETURNED", reason: "Xã báo cáo nhầm số tin" });
    // the history cannot be rewritten
    await expect(db.client().query(`UPDATE return_event SET reason = 'x' WHERE return_id = $1`, [returnId])).rejects.toThrow(/append-only/);
  });

  it("the province returns a submitted return with a reason; the ministry reopens an approved one; other districts see nothing", async () => {
    const communeId = communes[1]!.id;
    const { returnId } = ((await save(kySon, { communeId, month: "2021-05", ...values })) as { data: { returnId: number } }).data;
    await step("submit", kySon, { returnId, version: 1 });
    expect(await withReason("return", ngheAn, { returnId, version: 2, reason: "Thiếu số hồ sơ giáo dục" })).toMatchObject({ ok: true, data: { status: "RETURNED" } });
    expect(await step("submit", kySon, { returnId, version: 3 })).toMatchObject({ ok: true });
    expect(await step("approve", ngheAn, { returnId, version: 4 })).toMatchObject({ ok: true });
    // another district: not found, whatever it tries
    expect(await step("submit", quynhLuu, { returnId, version: 5 })).toMatchObject({ ok: false, notFound: true });
    expect(await save(quynhLuu, { communeId, month: "2021-05", ...values })).toMatchObject({ ok: false, notFound: true });
    // the ministry enters nothing but may reopen
    expect(await save(ministry, { communeId, month: "2021-06", ...values })).toMatchObject({ ok: false, message: "Tài khoản của bạn không có quyền thực hiện thao tác này." });
    expect(await withReason("reopen", ministry, { returnId, version: 5, reason: "Kiểm tra lại theo yêu cầu của Bộ" })).toMatchObject({ ok: true });
  });

  it("bad input is refused with Vietnamese messages and writes nothing", async () => {
    const before = (await db.client().query(`SELECT count(*)::int AS n FROM monthly_return`)).rows[0].n;
    const communeId = communes[2]!.id;
    expect(await save(kySon, { communeId, month: "2021-05", ...values, suspects: "-1" })).toMatchObject({ ok: false, fieldErrors: { suspects: ["Không được là số âm."] } });
    expect(await save(kySon, { communeId, month: "2021-05", ...values, suspects: "1,5" })).toMatchObject({ ok: false, fieldErrors: { suspects: ["Nhập một số nguyên không âm."] } });
    expect(await save(kySon, { communeId, month: "13/2021", ...values })).toMatchObject({ ok: false, fieldErrors: { month: ["Tháng không hợp lệ: dùng dạng mm/yyyy."] } });
    expect(await save(kySon, { communeId, month: "2099-01", ...values })).toMatchObject({ ok: false, fieldErrors: { month: ["Tháng báo cáo chưa bắt đầu."] } });
    // Kỳ Sơn's communes entered the programme in Nghệ An's phases of 2019: nothing is due for 2018
    expect(await save(kySon, { communeId, month: "2018-06", ...values })).toMatchObject({ ok: false, message: expect.stringContaining("chưa thuộc diện") });
    // a stale form
    const { returnId } = ((await save(kySon, { communeId, month: "2021-07", ...values })) as { data: { returnId: number } }).data;
    expect(await save(kySon, { communeId, month: "2021-07", version: 1, ...values })).toMatchObject({ ok: true });
    expect(await save(kySon, { communeId, month: "2021-07", version: 1, ...values })).toMatchObject({ ok: false, conflict: true });
    expect(await step("submit", kySon, { returnId, version: 1 })).toMatchObject({ ok: false, conflict: true });
    expect((await db.client().query(`SELECT count(*)::int AS n FROM monthly_return`)).rows[0].n).toBe(before + 1);
  });
});

describe("completeness, timeliness and totals", () => {
  const district = async () => (await db.client().query(`SELECT id FROM unit WHERE code = '417'`)).rows[0].id as number;

  /** A return with a hand-made history: created, submitted at `submitted`, approved at `approved` (Vietnam time). */
  async function history(communeId: number, month: string, security: number, submitted: string, approved?: string) {
    const r = await db.client().query(
      `INSERT INTO monthly_return (commune_id, month, status, security_reports) VALUES ($1, $2, $3, $4) RETURNING id`,
      [communeId, `${month}-01`, approved ? "APPROVED" : "SUBMITTED", security],
    );
    const id = r.rows[0].id;
    await db.client().query(
      `INSERT INTO return_event (return_id, at, action, from_status, to_status) VALUES
       ($1, $2::timestamptz - interval '1 hour', 'create', NULL, 'DRAFT'), ($1, $2, 'submit', 'DRAFT', 'SUBMITTED')`,
      [id, `${submitted}+07:00`],
    );
    if (approved) await db.client().query(`INSERT INTO return_event (return_id, at, action, from_status, to_status) VALUES ($1, $2, 'approve', 'SUBMITTED', 'APPROVED')`, [id, `${approved}+07:00`]);
    return id;
  }

  it("counts expected, received, on-time and approved returns per month and child, as of any date", async () => {
    const root = await district();
    const months = { from: "2020-09" as Month, to: "2020-10" as Month };
    const n = (await computeResults(root, months.from, months.to, "2020-12-31" as IsoDate)).byMonth[0]!.expected;
    expect(n).toBeGreaterThan(3);
    const [a, b, c] = communes.map((x) => x.id);
    expect(dueDateOf("2020-09" as Month, 5)).toBe("2020-10-05");
    await history(a!, "2020-09", 10, "2020-10-05T23:30:00", "2020-10-08T09:00:00"); // on time (the due day itself), approved on 8/10
    await history(b!, "2020-09", 7, "2020-10-06T08:00:00", "2020-10-09T09:00:00"); // a day late
    await history(c!, "2020-10", 3, "2020-11-02T08:00:00"); // submitted, not yet approved

    const now = await computeResults(root, months.from, months.to, "2020-12-31" as IsoDate);
    expect(now.byMonth[0]).toMatchObject({ month: "2020-09", expected: n, received: 2, onTime: 1, approved: 2, values: { securityReports: 17 } });
    expect(now.byMonth[1]).toMatchObject({ month: "2020-10", expected: n, received: 1, onTime: 1, approved: 0, values: { securityReports: 0 } });
    expect(now.total).toMatchObject({ expected: 2 * n, received: 3, onTime: 2, approved: 2, values: { securityReports: 17 } });
    // the communes are Kỳ Sơn's children: one row each, adding up to the total
    expect(now.byChild.reduce((s, r) => s + r.expected, 0)).toBe(2 * n);
    expect(now.byChild.find((r) => r.unitId === a)).toMatchObject({ expected: 2, received: 1, approved: 1, values: { securityReports: 10 } });

    // as of 07/10/2020 nothing was approved yet and only two returns had arrived
    const then = await computeResults(root, months.from, months.to, "2020-10-07" as IsoDate);
    expect(then.byMonth[0]).toMatchObject({ received: 2, onTime: 1, approved: 0, values: { securityReports: 0 } });
    expect(then.byMonth[1]).toMatchObject({ received: 0 });
    // and the province sees the same figures for Kỳ Sơn among its districts
    const province = await computeResults((await db.client().query(`SELECT id FROM unit WHERE code = '40'`)).rows[0].id, months.from, months.to, "2020-12-31" as IsoDate);
    expect(province.byChild.find((r) => r.code === "417")).toMatchObject({ expected: 2 * n, received: 3, onTime: 2, approved: 2 });
  });

  it("never passes 100%: a commune taken out of the programme stops being expected, and its return stops counting", async () => {
    const root = await district();
    const d = communes[3]!.id;
    await history(d, "2020-11", 5, "2020-12-01T08:00:00", "2020-12-02T08:00:00");
    const before = await computeResults(root, "2020-11" as Month, "2020-11" as Month, "2021-01-31" as IsoDate);
    // from 01/11/2020 the commune's setting takes it out of the programme (as when a xã becomes a phường)
    const covering = (
      await db.client().query(
        `SELECT id, valid_to, staffing_norm, is_border FROM commune_setting WHERE commune_id = $1
         AND (valid_from IS NULL OR valid_from < '2020-11-01') AND (valid_to IS NULL OR valid_to > '2020-11-01')`,
        [d],
      )
    ).rows[0] as { id: number; valid_to: Date | null; staffing_norm: number; is_border: boolean } | undefined;
    if (covering) await db.client().query(`UPDATE commune_setting SET valid_to = '2020-11-01' WHERE id = $1`, [covering.id]);
    await db.client().query(
      `INSERT INTO commune_setting (commune_id, valid_from, valid_to, staffing_norm, is_border, in_programme) VALUES ($1, '2020-11-01', $2, $3, $4, false)`,
      [d, covering?.valid_to ?? null, covering?.staffing_norm ?? 5, covering?.is_border ?? false],
    );
    const after = await computeResults(root, "2020-11" as Month, "2020-11" as Month, "2021-01-31" as IsoDate);
    expect(after.total.expected).toBe(before.total.expected - 1);
    expect(after.total.received).toBe(before.total.received - 1);
    expect(after.total.approved).toBe(before.total.approved - 1);
    for (const r of [...after.byMonth, ...after.byChild, after.total]) {
      expect(r.received).toBeLessThanOrEqual(r.expected);
      expect(r.onTime).toBeLessThanOrEqual(r.received);
      expect(r.approved).toBeLessThanOrEqual(r.received);
    }
  });
});

describe("a commune that changes type during the period", () => {
  it("a xã that becomes a phường leaves the programme from that day: expected from it until then, its later return not counted", async () => {
    const root = (await db.client().query(`SELECT id FROM unit WHERE code = '417'`)).rows[0].id as number;
    const c = (await db.client().query(
      `SELECT u.id FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL AND v.type = 'XA' JOIN unit d ON d.id = v.parent_id
       WHERE d.code = '417' ORDER BY u.code DESC LIMIT 1`)).rows[0].id as number;
    const months = { from: "2021-01" as Month, to: "2021-04" as Month };
    const asOf = "2021-12-31" as IsoDate;
    await db.client().query(`DELETE FROM plan_commune WHERE commune_id = $1`, [c]);
    const before = await computeResults(root, months.from, months.to, asOf);
    // approved returns for January and March
    for (const m of ["2021-01", "2021-03"]) {
      const r = await db.client().query(`INSERT INTO monthly_return (commune_id, month, status, security_reports) VALUES ($1, $2, 'APPROVED', 4) RETURNING id`, [c, `${m}-01`]);
      await db.client().query(`INSERT INTO return_event (return_id, at, action, from_status, to_status) VALUES ($1, $2, 'submit', 'DRAFT', 'SUBMITTED'), ($1, $3, 'approve', 'SUBMITTED', 'APPROVED')`,
        [r.rows[0].id, `${m}-28T08:00:00+07:00`, `${m}-28T09:00:00+07:00`]);
    }
    // on 15/02/2021 it becomes a ward (the map records a new version). The demo's phases list their communes,
    // which keeps a listed commune in the programme whatever its type; this one was taken off its phase above so
    // that only the national plan's types (xã, thị trấn) cover it — then becoming a ward takes it out.
    const v = (await db.client().query(`SELECT id, name, parent_id FROM unit_version WHERE unit_id = $1 AND valid_to IS NULL`, [c])).rows[0];
    await db.client().query(`UPDATE unit_version SET valid_to = '2021-02-15' WHERE id = $1`, [v.id]);
    await db.client().query(`INSERT INTO unit_version (unit_id, name, type, parent_id, valid_from) VALUES ($1, $2, 'PHUONG', $3, '2021-02-15')`, [c, v.name.replace(/^Xã/, "Phường"), v.parent_id]);
    const after = await computeResults(root, months.from, months.to, asOf);
    const jan = (r: typeof after) => r.byMonth.find((m) => m.month === "2021-01")!;
    const mar = (r: typeof after) => r.byMonth.find((m) => m.month === "2021-03")!;
    expect(jan(after).expected).toBe(jan(before).expected); // still a xã on 31/01
    expect(jan(after).received).toBe(jan(before).received + 1);
    expect(mar(after).expected).toBe(mar(before).expected - 1); // a ward on 31/03: nothing expected from it
    expect(mar(after).received).toBe(mar(before).received); // and its return for March does not count
    expect(mar(after).values.securityReports).toBe(mar(before).values.securityReports);
    for (const r of [...after.byMonth, after.total]) expect(r.received).toBeLessThanOrEqual(r.expected);
  });
});

describe("results as files", () => {
  it("the workbook and the CSV carry the page's figures (Hải Dương since deployment)", async () => {
    const id = (await db.client().query(`SELECT id FROM unit WHERE code = '30'`)).rows[0].id as number;
    const asOf = "2021-06-30" as IsoDate;
    const results = await computeResults(id, "2019-07" as Month, "2021-04" as Month, asOf);
    const vi = i18nFor("vi");
    const lines = resultsCsv(results, vi, "months").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(22 + 2);
    expect(lines[1]).toMatch(/^07\/2019,188,188,188,188,/);
    expect(lines.at(-1)).toMatch(/^Tổng cộng,4136,4136,4136,4136,1826,204,200,203,/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await resultsXlsx(results, await getTargets(ministry, id, asOf), vi, "Tỉnh Hải Dương")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Theo đơn vị", "Theo tháng", "Chỉ tiêu"]);
    const units = wb.getWorksheet("Theo đơn vị")!;
    expect(units.rowCount).toBe(12 + 2); // 12 districts + header + total
    expect(units.getRow(units.rowCount).getCell(6).value).toBe(1826);
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(summary.getRow(5).getCell(3).value).toBe(1); // received: 100%, as a number with a % format
    expect(summary.getRow(5).getCell(3).numFmt).toBe("0.0%");
    const targets = wb.getWorksheet("Chỉ tiêu")!;
    expect(targets.getRow(2).values).toEqual(expect.arrayContaining([988_200, 991_830, "Hoàn thành ngày 14/05/2021, trước hạn 47 ngày"]));
  });
});

describe("targets", () => {
  it("the province sets a target for a district; a dated progress report meets it early; others cannot set one", async () => {
    const { CreateTargetSchema, TargetProgressSchema } = await import("@/lib/results/schemas");
    const { createTarget, reportTargetProgress } = await import("@/lib/results/targets");
    const create = (v: Viewer, o: Record<string, unknown>) => runAction(v, CreateTargetSchema, "workflow:returns", createTarget, o);
    const progress = (v: Viewer, o: Record<string, unknown>) => runAction(v, TargetProgressSchema, "workflow:returns", reportTargetProgress, o);
    const target = { unit: "417", indicator: "chipIdApplications", title: "Thu nhận hồ sơ CCCD năm 2024", periodStart: "01/01/2024", dueDate: "30/06/2024", target: "10.000" };
    expect(await create(kySon, target)).toMatchObject({ ok: false, message: "Chỉ Công an tỉnh và Bộ đặt chỉ tiêu." });
    expect(await create(ngheAn, { ...target, unit: "62" })).toMatchObject({ ok: false, notFound: true });
    expect(await create(ngheAn, { ...target, dueDate: "31/12/2023" })).toMatchObject({ ok: false, fieldErrors: { dueDate: ["Thời hạn phải sau ngày bắt đầu."] } });
    const made = await create(ngheAn, target);
    expect(made, JSON.stringify(made)).toMatchObject({ ok: true });
    const targetId = (made as { data: { targetId: number } }).data.targetId;
    expect(await progress(quynhLuu, { targetId, reportedOn: "20/05/2024", value: "10.500" })).toMatchObject({ ok: false, notFound: true });
    expect(await progress(kySon, { targetId, reportedOn: "20/05/2024", value: "10.500" })).toMatchObject({ ok: true });
    const unitId = (await db.client().query(`SELECT id FROM unit WHERE code = '417'`)).rows[0].id as number;
    const [row] = await getTargets(kySon, unitId, "2024-07-01" as IsoDate);
    expect(row).toMatchObject({ title: target.title, target: 10_000, value: 10_500, metOn: "2024-05-20", daysEarly: 41, status: "metEarly" });
    expect(targetStatusText(row!, i18nFor("vi"))).toBe("Hoàn thành ngày 20/05/2024, trước hạn 41 ngày");
    // the province sees the target it set for its district among its own; another province does not
    const provinceId = (await db.client().query(`SELECT id FROM unit WHERE code = '40'`)).rows[0].id as number;
    expect((await getTargets(ngheAn, provinceId, "2024-07-01" as IsoDate)).map((g) => g.id)).toContain(targetId);
    const haiDuong = (await db.client().query(`SELECT id FROM unit WHERE code = '30'`)).rows[0].id as number;
    expect((await getTargets(ministry, haiDuong, "2024-07-01" as IsoDate)).map((g) => g.id)).not.toContain(targetId);
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'result_target' AND entity_id = $1 ORDER BY id`, [String(targetId)]);
    expect(audit.rows.map((a) => a.action)).toEqual(["create", "progress"]);

    // a target met after its due date, from the approved monthly returns alone: late, by how many days
    const late = await create(ngheAn, { ...target, indicator: "securityReports", title: "Tin về ANTT quý 3/2021", periodStart: "01/07/2021", dueDate: "31/08/2021", target: "7" });
    const lateId = (late as { data: { targetId: number } }).data.targetId;
    const commune = (await db.client().query(`SELECT u.id FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id WHERE d.code = '417' ORDER BY u.code LIMIT 1`)).rows[0].id;
    for (const [m, n] of [["2021-07", 3], ["2021-08", 2], ["2021-09", 4]] as const) {
      const r = await db.client().query(`INSERT INTO monthly_return (commune_id, month, status, security_reports) VALUES ($1, $2, 'APPROVED', $3) RETURNING id`, [commune, `${m}-01`, n]);
      await db.client().query(`INSERT INTO return_event (return_id, at, action, from_status, to_status) VALUES ($1, $2, 'approve', 'SUBMITTED', 'APPROVED')`, [r.rows[0].id, `${m}-28T09:00:00+07:00`]);
    }
    const lateRow = (await getTargets(kySon, unitId, "2021-12-31" as IsoDate)).find((g) => g.id === lateId)!;
    expect(lateRow).toMatchObject({ value: 9, metOn: "2021-09-30", daysEarly: -30, status: "metLate" });
    expect(targetStatusText(lateRow, i18nFor("vi"))).toBe("Hoàn thành ngày 30/09/2021, chậm 30 ngày");
    expect((await getTargets(kySon, unitId, "2021-09-15" as IsoDate)).find((g) => g.id === lateId)).toMatchObject({ value: 5, status: "missed" });
  });
});
