// Headquarters and equipment: effective-dated changes through the action path, and the gap list of
// communes without their own headquarters on any date.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeGapList } from "@/lib/coverage/gaps";
import { gapCellText } from "@/lib/coverage/gaps-format";
import { addDays, todayInVietnam, type IsoDate } from "@/lib/dates";
import { FacilitySchema } from "@/lib/facilities/schemas";
import { changeFacility, getFacility } from "@/lib/facilities/service";
import { i18nFor } from "@/lib/i18n";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer;
let commune: { id: number; code: string };
const save = (v: Viewer, o: Record<string, unknown>) => runAction(v, FacilitySchema, "write:staffing", changeFacility, o);
const today = todayInVietnam();

beforeAll(async () => {
  [kySon, quynhLuu] = await Promise.all([viewerOf(db.client(), "DISTRICT", "417"), viewerOf(db.client(), "DISTRICT", "421")]);
  // a Kỳ Sơn commune whose police do not have their own headquarters today (demo data)
  commune = (
    await db.client().query(
      `SELECT u.id, u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
       JOIN commune_facility f ON f.commune_id = u.id AND f.valid_to IS NULL AND f.hq_status <> 'OWN'
       WHERE d.code = '417' ORDER BY u.code LIMIT 1`,
    )
  ).rows[0];
});

const listed = async (asOf: IsoDate) => (await computeGapList("noHeadquarters", kySon.unitId, asOf, { page: "all" })).rows.find((r) => r.communeCode === commune.code);

describe("headquarters and equipment", () => {
  it("a move into the commune's own headquarters ends the old record and takes the commune off the gap list from that day", async () => {
    const before = await getFacility(kySon, commune.id, today);
    expect(before.current.hqStatus).not.toBe("OWN");
    const row = await listed(today);
    expect(row).toBeDefined();
    const labels: Record<string, string> = { BORROWED: "Mượn, tạm bố trí", UNDER_CONSTRUCTION: "Đang xây dựng", NONE: "Chưa có" };
    expect(gapCellText("noHeadquarters", "hqStatus", row!, i18nFor("vi"))).toBe(labels[before.current.hqStatus!]);

    const moveOn = addDays(today, -10);
    const r = await save(kySon, { communeId: commune.id, version: before.current.version, hqStatus: "OWN", equipment: "COMPUTER,PRINTER,INTERNET,MOTORBIKE,RADIO,CCTV", effectiveFrom: moveOn, note: "Trụ sở mới bàn giao" });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    const after = await getFacility(kySon, commune.id, today);
    expect(after.current).toMatchObject({ hqStatus: "OWN", since: moveOn, note: "Trụ sở mới bàn giao" });
    expect(after.current.equipment).toHaveLength(6);
    expect(after.history[1]).toMatchObject({ to: moveOn, hqStatus: before.current.hqStatus });
    // history: the day before the move still shows the old state, and the list still has the commune then
    expect((await getFacility(kySon, commune.id, addDays(moveOn, -1))).current.hqStatus).toBe(before.current.hqStatus);
    expect(await listed(addDays(moveOn, -1))).toBeDefined();
    expect(await listed(today)).toBeUndefined();
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'commune_facility' AND unit_id = $1`, [commune.id]);
    expect(audit.rows.map((a) => a.action)).toEqual(["update"]);
  });

  it("refuses a stale form, a date not after the record in force, bad items, other districts and read-only roles", async () => {
    const { current } = await getFacility(kySon, commune.id, today);
    const base = { communeId: commune.id, version: current.version, hqStatus: "BORROWED", equipment: "", effectiveFrom: today };
    expect(await save(kySon, { ...base, version: current.version - 1 })).toMatchObject({ ok: false, conflict: true });
    expect(await save(kySon, { ...base, effectiveFrom: addDays(current.since!, -1) })).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: [expect.stringContaining("Phải sau")] } });
    expect(await save(kySon, { ...base, equipment: "COMPUTER,TANK" })).toMatchObject({ ok: false, fieldErrors: { equipment: ["Trang thiết bị không hợp lệ."] } });
    expect(await save(kySon, { ...base, hqStatus: "PALACE" })).toMatchObject({ ok: false, fieldErrors: { hqStatus: ["Chọn tình trạng trụ sở."] } });
    expect(await save(quynhLuu, base)).toMatchObject({ ok: false, notFound: true });
    expect(await save(ministry, base)).toMatchObject({ ok: false, message: "Tài khoản của bạn không có quyền thực hiện thao tác này." });
    expect((await getFacility(kySon, commune.id, today)).current).toEqual(current);
  });

  it("lists in-programme communes with no record as not recorded, and says what equipment they lack", async () => {
    const d = (await db.client().query(`SELECT u.id, u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL JOIN unit dd ON dd.id = v.parent_id
      WHERE dd.code = '417' AND u.id <> $1 ORDER BY u.code DESC LIMIT 1`, [commune.id])).rows[0];
    await db.client().query(`DELETE FROM commune_facility WHERE commune_id = $1`, [d.id]);
    const rows = (await computeGapList("noHeadquarters", kySon.unitId, today, { page: "all" })).rows;
    const missing = rows.find((r) => r.communeCode === d.code)!;
    expect(missing.hqStatus).toBe("UNKNOWN");
    expect(gapCellText("noHeadquarters", "missingEquipment", missing, i18nFor("vi"))).toBe("—");
    const other = rows.find((r) => r.hqStatus !== "UNKNOWN" && r.missingEquipment);
    expect(other).toBeDefined();
    expect(gapCellText("noHeadquarters", "missingEquipment", other!, i18nFor("vi"))).toMatch(/^(Máy tính|Máy in|Kết nối Internet|Xe mô tô|Bộ đàm|Camera giám sát)(, |$)/);
  });
});
