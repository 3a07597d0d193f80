// The demo dataset (`npm run db:seed`): deterministic, on the real map, reproducing every published
// figure of DOMAIN.md §"Figures" (checked by tests/integration/published-figures.test.ts through the
// same functions the pages use):
//  - Kon Tum pilot (Plan 223/KH-BCA-V05) as of 23/04/2019: 86/86 xã, 349 officers, 61 cells with
//    60/61 police secretaries, 41 Executive and 22 Standing committee members;
//  - Hải Dương: 3 phases, 188/188 xã + thị trấn with exactly 5 officers each by October 2020;
//  - national, 23/04/2021: all 63 provinces, every xã and thị trấn staffed, 44,000+ officers, 5,2 per commune.
// Everything the sources do not say (plan issue dates, phase dates, names, who moved when) is invented
// but plausible, and the same on every run. Dates after April 2021 add ordinary history (transfers,
// retirements) so that "as of" views have something to show.
import { readFileSync } from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import type pg from "pg";
import { addDays, type IsoDate } from "@/lib/dates";
import { foldVietnamese } from "@/lib/text/fold";
import { applyMapState, loadMap, parseThreeLevelMap } from "@/lib/db/map";
import { applyReform } from "@/lib/units/reform";
import { parseReformFiles, readReformFiles, REFORM_2025 } from "@/lib/units/reform-files";
import { bulkInsert, reserveIds } from "@/lib/db/bulk";
import { personName, type Ethnicity } from "./names";
import { hash, int, pick, rng, weighted } from "./random";
import { seedDemoCriteria } from "./criteria";
import { seedDemoFacilities } from "./facilities";
import { DEMO_RESULTS_VERSION, seedDemoRecentReturns, seedDemoResults } from "./results";
import { validOnText } from "@/lib/db/periods";

export const DEMO_SEED_VERSION = 1;
const DEMO_REFORM_KEY = "demo_reform_2025";
export const DEMO_PASSWORD = "Demo@2026-cax";

export const DEMO_USERS = [
  { username: "bo.vanphong", displayName: "Văn phòng Bộ Công an", role: "MINISTRY", unitCode: null },
  { username: "tinh.nghean", displayName: "Công an tỉnh Nghệ An", role: "PROVINCE", unitCode: "40" },
  { username: "huyen.kyson", displayName: "Công an huyện Kỳ Sơn", role: "DISTRICT", unitCode: "417" },
  { username: "quantri", displayName: "Quản trị hệ thống", role: "ADMIN", unitCode: null },
  { username: "tinh.kontum", displayName: "Công an tỉnh Kon Tum", role: "PROVINCE", unitCode: "62" },
  { username: "huyen.quynhluu", displayName: "Công an huyện Quỳnh Lưu", role: "DISTRICT", unitCode: "421" },
] as const;

const KON_TUM = "62";
const HAI_DUONG = "30";
const NGHE_AN = "40";
const PILOT_ISSUED = "2018-12-28" as IsoDate;
const PILOT_START = "2019-01-21" as IsoDate;
const NATIONAL_ISSUED = "2019-06-03" as IsoDate;
const ALL_STAFFED_BY = "2021-04-15" as IsoDate;
const PILOT_REVIEW = "2019-04-23" as IsoDate;

type Commune = {
  id: number;
  code: string;
  name: string;
  type: string;
  districtCode: string;
  provinceId: number;
  provinceCode: string;
};

type OfficerRow = [number, string, string, string, string, IsoDate, string, boolean, IsoDate | null, string[], string[]];
type AssignmentRow = [number, number, number, string, IsoDate, IsoDate | null, string | null, number | null];

const days = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

export type SeedResult = { seeded: boolean; reason?: string; officers?: number; assignments?: number };

export type SeedOptions = {
  force?: boolean;
  log?: (s: string) => void;
  /**
   * false: stop on the eve of the 1 July 2025 reform (the three-level map of 30/06/2025 plus ordinary history
   * since, recorded against it). The test databases do, so that the reform can be recorded during a test and
   * the three-level workflows (district data entry) stay testable. Default: the reform is recorded too, so
   * the demo's today is the two-level map, as it is in the country.
   */
  throughReform?: boolean;
};

/**
 * Seeds the demo data in one transaction. Idempotent: a database already holding this demo version is
 * left alone. Refuses a database that holds officers not put there by this seed unless `force`.
 */
export async function seedDemo(client: pg.ClientBase, opts: SeedOptions = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const additions = LATER_ADDITIONS.filter(([key]) => opts.throughReform !== false || key !== DEMO_REFORM_KEY);
  const meta = await client.query<{ value: { version: number } }>(`SELECT value FROM app_meta WHERE key = 'demo_seed'`);
  if (meta.rows[0]) {
    // a database seeded by an earlier version gets what later versions of the demo data add, once each
    for (const [key, add] of additions) {
      const done = await client.query(`SELECT 1 FROM app_meta WHERE key = $1`, [key]);
      if (done.rowCount === 0) await inTransaction(client, () => add(client));
    }
    return { seeded: false, reason: `demo data version ${meta.rows[0].value.version} already present` };
  }
  const existing = await client.query<{ n: string }>(`SELECT count(*) AS n FROM officer`);
  if (Number(existing.rows[0]?.n) > 0 && !opts.force) {
    throw new Error(
      "Cơ sở dữ liệu đã có dữ liệu cán bộ không phải dữ liệu mẫu; không nạp dữ liệu mẫu đè lên. Dùng --force nếu thật sự muốn.",
    );
  }

  await loadMap(client);
  return inTransaction(client, async () => {
    const result = await build(client, log);
    await client.query(`INSERT INTO app_meta (key, value) VALUES ('demo_seed', $1)`, [
      JSON.stringify({ version: DEMO_SEED_VERSION, seededAt: new Date().toISOString() }),
    ]);
    for (const [key, add] of additions) {
      log(key);
      await add(client);
    }
    return { seeded: true, ...result };
  });
}

async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  }
}

/** Parts of the demo data added after the first release, each marked in app_meta when loaded. */
const LATER_ADDITIONS: [string, (client: pg.ClientBase) => Promise<void>][] = [
  // first: the later parts are seeded on the map of today's three-level state
  ["demo_map_2025", async (client) => {
    await seedDemoMapState(client);
    await mark(client, "demo_map_2025", 1);
  }],
  ["demo_results", async (client) => {
    await seedDemoResults(client);
    await mark(client, "demo_results", DEMO_RESULTS_VERSION);
  }],
  ["demo_facilities", async (client) => {
    await seedDemoFacilities(client);
    await mark(client, "demo_facilities", 1);
  }],
  ["demo_recent_returns", async (client) => {
    await seedDemoRecentReturns(client);
    await mark(client, "demo_recent_returns", 1);
  }],
  ["demo_criteria", async (client) => {
    await seedDemoCriteria(client);
    await mark(client, "demo_criteria", 1);
  }],
  // last: the 1 July 2025 reform, recorded with the same code and files as `npm run units:reform` and the
  // admin page; every part above was entered on the three-level map, as it was before that day
  [DEMO_REFORM_KEY, async (client) => {
    const input = parseReformFiles(readReformFiles(path.join(process.cwd(), "prisma", "data")), REFORM_2025.name, REFORM_2025.effectiveOn);
    await applyReform(client, input, { inTransaction: true });
    await mark(client, DEMO_REFORM_KEY, 1);
  }],
];

async function mark(client: pg.ClientBase, key: string, version: number) {
  await client.query(`INSERT INTO app_meta (key, value) VALUES ($1, $2)`, [key, JSON.stringify({ version, seededAt: new Date().toISOString() })]);
}

export const DEMO_MERGERS = "Sắp xếp đơn vị hành chính cấp xã 2023–2025 (dữ liệu mẫu)";
const MAP_STATE_ON = "2025-03-01";

/**
 * Brings the demo to the map of 01/03/2025 (prisma/data/vn-admin-units-2025.csv): 568 communes ended in the
 * 2023–2025 mergers. The sources do not say which commune each merged into, so the demo invents it — the
 * remaining commune of the same district and kind (a xã or thị trấn into one of those) with the nearest code — and records it as a reform of that date,
 * so that the officers serving there are carried into it (linked, audited) and the page of a merged commune
 * says where it went. After this, the 2025 reform (npm run units:reform) fits the demo database.
 */
export async function seedDemoMapState(client: pg.ClientBase): Promise<void> {
  const csv = readFileSync(path.join(process.cwd(), "prisma", "data", "vn-admin-units-2025.csv"), "utf8");
  const remaining = new Set(parseThreeLevelMap(csv).filter((r) => r.level === "COMMUNE").map((r) => r.code));
  const eve = addDays(MAP_STATE_ON as IsoDate, -1);
  const communes = (
    await client.query<{ code: string; type: string; district: string; province: string }>(
      `SELECT u.code, v.type::text AS type, d.code AS district, p.code AS province
       FROM unit u JOIN unit_version v ON v.unit_id = u.id AND ${validOnText("v", "$1")}
       JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND ${validOnText("dv", "$1")}
       JOIN unit p ON p.id = dv.parent_id
       WHERE u.level = 'COMMUNE' ORDER BY u.code`,
      [eve],
    )
  ).rows;
  const successorOf = new Map<string, string>();
  for (const c of communes) {
    if (remaining.has(c.code)) continue;
    const near = (list: typeof communes) =>
      list.filter((o) => remaining.has(o.code)).sort((a, b) => Math.abs(Number(a.code) - Number(c.code)) - Math.abs(Number(b.code) - Number(c.code)) || a.code.localeCompare(b.code))[0];
    // a xã or thị trấn stays in the programme: it goes into one that remains (a phường is not in it)
    const programme = (o: (typeof communes)[number]) => o.type === "XA" || o.type === "THI_TRAN";
    const sameDistrict = communes.filter((o) => o.district === c.district);
    const to = (programme(c) ? near(sameDistrict.filter(programme)) : undefined) ?? near(sameDistrict) ?? near(communes.filter((o) => o.province === c.province));
    if (to) successorOf.set(c.code, to.code);
  }
  await applyMapState(client, csv, MAP_STATE_ON, {
    inTransaction: true,
    merges: { name: DEMO_MERGERS, successorOf, note: "Dữ liệu mẫu: nguồn không ghi xã sáp nhập vào đâu; chọn xã còn lại cùng huyện có mã gần nhất." },
  });
}

async function build(client: pg.ClientBase, log: (s: string) => void) {
  // Communes in the programme: xã and thị trấn of the map (23473 was a xã in 2019, a thị trấn later).
  const communeRows = await client.query<Commune>(`
    SELECT u.id, u.code, v.name, v.type::text AS type, d.code AS "districtCode", p.id AS "provinceId", p.code AS "provinceCode"
    FROM unit u
    JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
    JOIN unit d ON d.id = v.parent_id
    JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL
    JOIN unit p ON p.id = dv.parent_id
    WHERE u.level = 'COMMUNE' AND v.type IN ('XA', 'THI_TRAN')
    ORDER BY u.code`);
  const communes = communeRows.rows;
  const xaOnPilotReview = new Set(
    (
      await client.query<{ id: number }>(
        `SELECT v.unit_id AS id FROM unit_version v
         JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL
         JOIN unit p ON p.id = dv.parent_id
         WHERE p.code = $1 AND v.type = 'XA' AND ${validOnText("v", "$2")}`,
        [KON_TUM, PILOT_REVIEW],
      )
    ).rows.map((r) => r.id),
  );
  const byProvince = new Map<string, Commune[]>();
  for (const c of communes) {
    const list = byProvince.get(c.provinceCode) ?? [];
    list.push(c);
    byProvince.set(c.provinceCode, list);
  }
  const provinceIds = new Map(communes.map((c) => [c.provinceCode, c.provinceId]));
  const kontumId = provinceIds.get(KON_TUM)!;

  // Plans ------------------------------------------------------------------------------------
  const plan = await client.query<{ id: number }>(
    `INSERT INTO rollout_plan (code, title, issued_on, scope_unit_id, covers_types) VALUES
     ($1, $2, $3, $4, '{}'), ($5, $6, $7, NULL, '{XA,THI_TRAN}') RETURNING id`,
    [
      "223/KH-BCA-V05",
      "Kế hoạch triển khai thí điểm bố trí Công an chính quy đảm nhận các chức danh Công an xã trên địa bàn tỉnh Kon Tum",
      PILOT_ISSUED,
      kontumId,
      "LT-2019/BCA (mẫu)",
      "Lộ trình bố trí Công an chính quy đảm nhiệm các chức danh Công an xã, thị trấn trên toàn quốc (dữ liệu mẫu)",
      NATIONAL_ISSUED,
    ],
  );
  const [pilotPlanId, nationalPlanId] = plan.rows.map((r) => r.id) as [number, number];

  type Phase = { id: number; planId: number; provinceId: number; ordinal: number; name: string; start: IsoDate; target: IsoDate; communes: Commune[] };
  const phases: Phase[] = [];
  const phaseIds = await reserveIds(client, "rollout_phase", 300);
  const newPhase = (p: Omit<Phase, "id">) => {
    const phase = { ...p, id: phaseIds[phases.length]! };
    phases.push(phase);
    return phase;
  };

  const kontum = byProvince.get(KON_TUM)!;
  const pilotCommunes = kontum.filter((c) => xaOnPilotReview.has(c.id));
  if (pilotCommunes.length !== 86) throw new Error(`Kon Tum pilot expects 86 xã, found ${pilotCommunes.length}`);
  newPhase({ planId: pilotPlanId, provinceId: kontumId, ordinal: 0, name: "Thí điểm", start: PILOT_START, target: "2019-04-20" as IsoDate, communes: pilotCommunes });
  newPhase({
    planId: nationalPlanId, provinceId: kontumId, ordinal: 1, name: "Giai đoạn 1",
    start: "2019-07-01" as IsoDate, target: "2019-12-31" as IsoDate,
    communes: kontum.filter((c) => !xaOnPilotReview.has(c.id)),
  });

  for (const [code, list] of byProvince) {
    if (code === KON_TUM) continue;
    const provinceId = provinceIds.get(code)!;
    let plan: { start: IsoDate; target: IsoDate }[];
    if (code === HAI_DUONG) {
      plan = [
        { start: "2019-07-01" as IsoDate, target: "2019-12-31" as IsoDate },
        { start: "2020-01-02" as IsoDate, target: "2020-06-30" as IsoDate },
        { start: "2020-07-01" as IsoDate, target: "2020-10-15" as IsoDate },
      ];
    } else {
      const r = rng(hash(`phases:${code}`));
      const n = int(r, 2, 4);
      const first = addDays("2019-07-01" as IsoDate, int(r, 0, 240));
      const span = days(first, "2021-01-31" as IsoDate);
      const step = Math.floor((span * (0.5 + r() * 0.4)) / (n - 1));
      plan = Array.from({ length: n }, (_, i) => ({ start: addDays(first, i * step), target: "2021-03-31" as IsoDate }));
      for (let i = 0; i < n - 1; i++) plan[i]!.target = addDays(plan[i + 1]!.start, -1);
    }
    const size = Math.ceil(list.length / plan.length);
    plan.forEach((p, i) =>
      newPhase({ planId: nationalPlanId, provinceId, ordinal: i + 1, name: `Giai đoạn ${i + 1}`, start: p.start, target: p.target, communes: list.slice(i * size, (i + 1) * size) }),
    );
  }
  await bulkInsert(
    client, "rollout_phase",
    [["id", "int"], ["plan_id", "int"], ["province_id", "int"], ["ordinal", "int"], ["name", "text"], ["start_date", "date"], ["target_date", "date"]],
    phases.map((p) => [p.id, p.planId, p.provinceId, p.ordinal, p.name, p.start, p.target]),
  );
  await bulkInsert(
    client, "plan_commune",
    [["plan_id", "int"], ["commune_id", "int"], ["phase_id", "int"]],
    phases.flatMap((p) => p.communes.map((c) => [p.planId, c.id, p.id])),
  );
  log(`phases: ${phases.length}`);

  // Border communes of Nghệ An (demo: the xã of Huyện Kỳ Sơn, on the border with Laos).
  const border = new Set(communes.filter((c) => c.districtCode === "417" && c.type === "XA").map((c) => c.id));
  await bulkInsert(client, "commune_setting", [["commune_id", "int"], ["staffing_norm", "int"], ["is_border", "bool"]],
    [...border].map((id) => [id, 5, true]));

  // Officers and assignments ----------------------------------------------------------------------
  const officers: OfficerRow[] = [];
  const assignments: AssignmentRow[] = [];
  const seqByProvince = new Map<string, number>();
  const officerIds: number[] = await reserveIds(client, "officer", 60_000);
  const assignmentIds: number[] = await reserveIds(client, "assignment", 70_000);
  const chiefOf = new Map<number, { officerId: number; start: IsoDate }>();
  const staffedOn = new Map<number, IsoDate>();
  const officersAt = new Map<number, { assignmentIndex: number; officerId: number; post: string }[]>();

  const ethnicityFor = (c: Commune, r: () => number): Ethnicity => {
    if (c.provinceCode === KON_TUM) return weighted(r, [["Kinh", 60], ["Xơ Đăng", 25], ["Ba Na", 10], ["Giẻ Triêng", 5]] as const);
    if (c.districtCode === "417") return weighted(r, [["Kinh", 50], ["Thái", 20], ["Mông", 20], ["Khơ Mú", 10]] as const);
    if (["415", "416", "418", "420", "422"].includes(c.districtCode)) return weighted(r, [["Kinh", 70], ["Thái", 30]] as const);
    return "Kinh";
  };

  const addOfficer = (c: Commune, post: string, r: () => number): number => {
    const id = officerIds[officers.length];
    if (id === undefined) throw new Error("demo seed: reserve more officer ids");
    const seq = (seqByProvince.get(c.provinceCode) ?? 0) + 1;
    seqByProvince.set(c.provinceCode, seq);
    const gender = r() < 0.9 ? "MALE" : "FEMALE";
    const ethnicity = ethnicityFor(c, r);
    const rank =
      post === "CHIEF" ? weighted(r, [["DAI_UY", 40], ["THIEU_TA", 50], ["TRUNG_TA", 10]] as const)
      : post === "DEPUTY_CHIEF" ? weighted(r, [["THUONG_UY", 50], ["DAI_UY", 50]] as const)
      : weighted(r, [["TRUNG_SI", 10], ["THUONG_SI", 20], ["THIEU_UY", 30], ["TRUNG_UY", 25], ["THUONG_UY", 15]] as const);
    const birthYear = post === "OFFICER" ? int(r, 1988, 2000) : int(r, 1972, 1990);
    const birth = `${birthYear}-${String(int(r, 1, 12)).padStart(2, "0")}-${String(int(r, 1, 28)).padStart(2, "0")}` as IsoDate;
    const party = post !== "OFFICER" || r() < 0.7;
    const joined = party ? (`${birthYear + int(r, 22, 27)}-${String(int(r, 1, 12)).padStart(2, "0")}-${String(int(r, 1, 28)).padStart(2, "0")}` as IsoDate) : null;
    const ethnicLanguages: string[] = [];
    const foreignLanguages: string[] = [];
    if (ethnicity !== "Kinh") ethnicLanguages.push(ethnicity);
    if (border.has(c.id)) {
      if (ethnicity === "Kinh" && r() < 0.4) ethnicLanguages.push(pick(r, ["Thái", "Mông"]));
      if (r() < 0.3) foreignLanguages.push("Lào");
    }
    officers.push([id, `${c.provinceCode}${String(seq).padStart(6, "0")}`, personName(r, gender, ethnicity), rank, gender, birth, ethnicity, party, joined, ethnicLanguages, foreignLanguages]);
    return id;
  };

  const assign = (officerId: number, c: Commune, post: string, start: IsoDate, previousId: number | null = null): number => {
    const id = assignmentIds[assignments.length];
    if (id === undefined) throw new Error("demo seed: reserve more assignment ids");
    assignments.push([id, officerId, c.id, post, start, null, null, previousId]);
    const list = officersAt.get(c.id) ?? [];
    list.push({ assignmentIndex: assignments.length - 1, officerId, post });
    officersAt.set(c.id, list);
    return id;
  };

  const staff = (c: Commune, count: number, firstDay: IsoDate, lastDay: IsoDate, r: () => number, from = 0) => {
    for (let i = from; i < count; i++) {
      const post = i === 0 ? "CHIEF" : i === 1 || (i === 2 && count >= 6) ? "DEPUTY_CHIEF" : "OFFICER";
      const start = i < 2 ? firstDay : addDays(firstDay, Math.min(int(r, 0, 30), Math.max(0, days(firstDay, lastDay))));
      const officerId = addOfficer(c, post, r);
      assign(officerId, c, post, start);
      if (post === "CHIEF") chiefOf.set(c.id, { officerId, start });
    }
  };

  const finalCount = (c: Commune, r: () => number) =>
    c.provinceCode === HAI_DUONG ? 5 : weighted(r, [[5, 82], [6, 16], [7, 2]] as const);

  for (const phase of phases) {
    phase.communes.forEach((c, idx) => {
      const r = rng(hash(`staff:${c.code}`));
      if (phase.planId === pilotPlanId) {
        // Pilot: 4 officers per xã (5 in the first five) by February 2019 = 349; topped up in September 2019.
        const first = addDays(PILOT_START, int(r, 0, 25));
        const initial = idx < 5 ? 5 : 4;
        staff(c, initial, first, "2019-03-15" as IsoDate, r);
        staffedOn.set(c.id, first);
        const target = Math.max(initial, finalCount(c, r));
        staff(c, target, addDays("2019-09-16" as IsoDate, int(r, 0, 20)), "2019-10-31" as IsoDate, r, initial);
        return;
      }
      const latestStart = minDate(addDays(phase.target, -30), ALL_STAFFED_BY);
      const first = addDays(phase.start, Math.min(int(r, 0, 40), Math.max(0, days(phase.start, latestStart))));
      staff(c, finalCount(c, r), first, minDate(addDays(phase.target, -1), ALL_STAFFED_BY), r);
      staffedOn.set(c.id, first);
    });
  }
  log(`officers: ${officers.length}`);

  // Party cells, secretaries, committee memberships --------------------------------------------
  const cellIds = await reserveIds(client, "party_cell", communes.length);
  const cells: [number, string, IsoDate][] = [];
  const cellCommunes: [number, number][] = [];
  const secretaries: [number, number | null, string | null, IsoDate, IsoDate | null][] = [];
  const memberships: [number, number, string, IsoDate][] = [];
  const cellName = (c: Commune) => `Chi bộ Công an ${c.name.replace(/^(Xã|Thị trấn)/, (m) => m.toLowerCase())}`;

  pilotCommunes.forEach((c, idx) => {
    const r = rng(hash(`cell:${c.code}`));
    const chief = chiefOf.get(c.id)!;
    const established = idx < 61 ? addDays("2019-03-01" as IsoDate, int(r, 0, 45)) : addDays("2019-06-01" as IsoDate, int(r, 0, 90));
    const cellId = cellIds[cells.length]!;
    cells.push([cellId, cellName(c), established]);
    cellCommunes.push([cellId, c.id]);
    if (idx === 60) {
      // the one pilot cell whose first secretary was not a commune police officer
      const handover = "2019-10-01" as IsoDate;
      secretaries.push([cellId, null, "Y Hiền", established, handover]);
      secretaries.push([cellId, chief.officerId, null, handover, null]);
    } else {
      secretaries.push([cellId, chief.officerId, null, established, null]);
    }
    if (idx < 41) memberships.push([chief.officerId, c.id, "EXECUTIVE", established]);
    if (idx < 22) memberships.push([chief.officerId, c.id, "STANDING", established]);
    if (idx >= 61) {
      if (r() < 0.6) memberships.push([chief.officerId, c.id, "EXECUTIVE", addDays(established, int(r, 10, 60))]);
    }
  });
  const pilotIds = new Set(pilotCommunes.map((c) => c.id));
  for (const c of communes) {
    if (pilotIds.has(c.id)) continue;
    const r = rng(hash(`cell:${c.code}`));
    const chief = chiefOf.get(c.id)!;
    const established = addDays(staffedOn.get(c.id)!, int(r, 45, 120));
    const cellId = cellIds[cells.length]!;
    cells.push([cellId, cellName(c), established]);
    cellCommunes.push([cellId, c.id]);
    if (r() < 0.03) {
      const handover = addDays(established, int(r, 90, 240));
      secretaries.push([cellId, null, personName(r, "MALE", "Kinh"), established, handover]);
      secretaries.push([cellId, chief.officerId, null, handover, null]);
    } else {
      secretaries.push([cellId, chief.officerId, null, established, null]);
    }
    if (r() < 0.6) {
      const from = addDays(established, int(r, 10, 60));
      memberships.push([chief.officerId, c.id, "EXECUTIVE", from]);
      if (r() < 0.5) memberships.push([chief.officerId, c.id, "STANDING", from]);
    }
  }

  // Ordinary history after the national milestone: transfers within a district, retirements.
  const byDistrict = new Map<string, Commune[]>();
  for (const c of communes) byDistrict.set(c.districtCode, [...(byDistrict.get(c.districtCode) ?? []), c]);
  const communeById = new Map(communes.map((c) => [c.id, c]));
  const initialCount = assignments.length;
  for (let i = 0; i < initialCount; i++) {
    const a = assignments[i]!;
    if (a[3] !== "OFFICER") continue;
    const c = communeById.get(a[2])!;
    const r = rng(hash(`history:${a[1]}`));
    const x = r();
    if (x < 0.1) {
      const others = (byDistrict.get(c.districtCode) ?? []).filter((o) => o.id !== c.id);
      if (others.length === 0) continue;
      const when = addDays("2022-01-15" as IsoDate, int(r, 0, 1065));
      a[5] = when;
      a[6] = "TRANSFER";
      assign(a[1], pick(r, others), "OFFICER", when, a[0]);
    } else if (x < 0.115) {
      const when = addDays("2023-01-02" as IsoDate, int(r, 0, 900));
      a[5] = when;
      a[6] = "RETIREMENT";
      if (r() < 0.5) assign(addOfficer(c, "OFFICER", r), c, "OFFICER", when);
    }
  }
  log(`assignments: ${assignments.length}`);

  await bulkInsert(client, "officer",
    [["id", "int"], ["officer_number", "text"], ["full_name", "text"], ["search_name", "text"], ["rank", '"Rank"'], ["gender", '"Gender"'], ["birth_date", "date"],
     ["ethnicity", "text"], ["party_member", "bool"], ["party_joined_on", "date"], ["ethnic_languages", "text[]"], ["foreign_languages", "text[]"]],
    officers.map(([id, num, name, ...rest]) => [id, num, name, foldVietnamese(name), ...rest]));
  // previous_id points at earlier rows: insert in id order within one statement per chunk
  await bulkInsert(client, "assignment",
    [["id", "int"], ["officer_id", "int"], ["commune_id", "int"], ["post", '"Post"'], ["start_date", "date"], ["end_date", "date"], ["end_reason", '"EndReason"'], ["previous_id", "int"]],
    assignments);
  await bulkInsert(client, "party_cell", [["id", "int"], ["name", "text"], ["established_on", "date"]], cells);
  await bulkInsert(client, "party_cell_commune", [["cell_id", "int"], ["commune_id", "int"]], cellCommunes);
  await bulkInsert(client, "cell_secretary", [["cell_id", "int"], ["officer_id", "int"], ["person_name", "text"], ["start_date", "date"], ["end_date", "date"]], secretaries);
  await bulkInsert(client, "committee_membership", [["officer_id", "int"], ["commune_id", "int"], ["committee", '"Committee"'], ["start_date", "date"]], memberships);

  await insertDemoUsers(client);
  await client.query("ANALYZE");
  return { officers: officers.length, assignments: assignments.length };
}

/** The demo accounts (DEMO_USERS, password DEMO_PASSWORD); also used by the benchmark dataset. */
export async function insertDemoUsers(client: pg.ClientBase): Promise<void> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 12);
  for (const u of DEMO_USERS) {
    await client.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM unit WHERE code = $5 AND valid_to IS NULL))`,
      [u.username, passwordHash, u.displayName, u.role, u.unitCode],
    );
  }
}

export { NGHE_AN };
