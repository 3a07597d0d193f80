// Demo results (issue 6): monthly returns, their workflow history and a target, reproducing Hải Dương's
// published results (DOMAIN.md §"Figures" 2): since deployment 1.826 security reports, 204 crime reports,
// 200 cases cleared, 203 suspects, 108 collective and 250 individual commendations; chip-ID applications:
// 991.830 received by 14/05/2021 against 988.200 due 30/06/2021 — met 47 days early.
// Every Hải Dương commune in the programme has an approved return for every month from June 2019 (the
// national plan) to April 2021, submitted on the 3rd of the following month and approved on the 6th.
// Kỳ Sơn (Nghệ An) has returns for October 2026 in every state, so the province has something to review, and
// a year of mostly approved returns before it (seedDemoRecentReturns).
import type pg from "pg";
import { INDICATORS, type IndicatorKey } from "@/lib/results/indicators";
import { bulkInsert, reserveIds } from "@/lib/db/bulk";
import { hash, int, rng } from "./random";
import { validOnText } from "@/lib/db/periods";

export const DEMO_RESULTS_VERSION = 1;

const HAI_DUONG_TOTALS: Partial<Record<IndicatorKey, number>> = {
  securityReports: 1826,
  crimeReports: 204,
  casesCleared: 200,
  suspects: 203,
  collectiveAwards: 108,
  individualAwards: 250,
};
const CHIP_ID_BY_APRIL = 962_317;
const CHIP_ID_ON_14_MAY = 991_830;

/** Splits `total` into `n` non-negative integers with deterministic random weights (largest remainder). */
export function spread(total: number, n: number, r: () => number): number[] {
  if (n === 0) return [];
  const w = Array.from({ length: n }, () => 0.2 + r());
  const sum = w.reduce((a, b) => a + b, 0);
  const raw = w.map((x) => (total * x) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]! += 1;
  }
  return out;
}

export const monthsFrom = (from: string, to: string) => {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const s = `${y}-${String(m).padStart(2, "0")}`;
    if (s > to) return out;
    out.push(s);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
};
export const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

export type ReturnRow = [number, number, string, string, ...number[]];
export type EventRow = [number, string, number | null, string, string | null, string, string | null];

/** Returns and their workflow events, in two bulk statements. */
export async function insertReturns(client: pg.ClientBase, rows: ReturnRow[], events: EventRow[]) {
  await bulkInsert(
    client,
    "monthly_return",
    [["id", "int"], ["commune_id", "int"], ["month", "date"], ["status", '"ReturnStatus"'], ...INDICATORS.map((i) => [i.column, "int"] as const), ["version", "int"]],
    rows,
  );
  await bulkInsert(
    client,
    "return_event",
    [["return_id", "int"], ["at", "timestamptz"], ["user_id", "int"], ["action", "text"], ["from_status", '"ReturnStatus"'], ["to_status", '"ReturnStatus"'], ["reason", "text"]],
    events,
  );
}

export async function seedDemoResults(client: pg.ClientBase): Promise<{ returns: number }> {
  const user = async (username: string) => (await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0]?.id ?? null;
  const [district, province] = [await user("huyen.kyson"), await user("tinh.nghean")];

  // Hải Dương: the xã and thị trấn of April 2021 (all in the programme from the national plan of June 2019; some
  // merged later, so the map is read as of the last month seeded)
  const communes = (
    await client.query<{ id: number; code: string }>(
      `SELECT u.id, u.code FROM unit u
       JOIN unit_version v ON v.unit_id = u.id AND v.type IN ('XA', 'THI_TRAN') AND ${validOnText("v", "$1")}
       JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND ${validOnText("dv", "$1")}
       JOIN unit p ON p.id = dv.parent_id WHERE p.code = '30' ORDER BY u.code`,
      ["2021-04-30"],
    )
  ).rows;
  const months = monthsFrom("2019-06", "2021-04");
  const cells = communes.flatMap((c) => months.map((m) => ({ communeId: c.id, month: m })));
  // the results "since deployment" fall in the months from the first regular officers (July 2019); the
  // returns of June 2019 (in the programme since the plan of 03/06/2019, nobody deployed yet) are zero
  const r = rng(hash("results:30"));
  const deployed = cells.map((c, i) => [c, i] as const).filter(([c]) => c.month >= "2019-07");
  const columns = new Map<IndicatorKey, Map<number, number>>();
  for (const ind of INDICATORS) {
    const total = HAI_DUONG_TOTALS[ind.key];
    if (total === undefined) continue;
    const parts = spread(total, deployed.length, r);
    columns.set(ind.key, new Map(deployed.map(([, i], k) => [i, parts[k]!])));
  }
  // chip-ID applications: the campaign of 2021, January to April
  const chipCells = cells.map((c, i) => [c, i] as const).filter(([c]) => c.month >= "2021-01");
  const chip = spread(CHIP_ID_BY_APRIL, chipCells.length, r);
  const chipByIndex = new Map(chipCells.map(([, i], k) => [i, chip[k]!]));

  const rows: ReturnRow[] = [];
  const events: EventRow[] = [];
  const ids = await reserveIds(client, "monthly_return", cells.length + 40);
  cells.forEach((c, i) => {
    const id = ids[i]!;
    const values = INDICATORS.map((ind) => (ind.key === "chipIdApplications" ? (chipByIndex.get(i) ?? 0) : (columns.get(ind.key)?.get(i) ?? 0)));
    rows.push([id, c.communeId, `${c.month}-01`, "APPROVED", ...values, 3]);
    const after = nextMonth(c.month);
    events.push([id, `${after}-02T16:00:00+07:00`, null, "create", null, "DRAFT", null]);
    events.push([id, `${after}-03T09:00:00+07:00`, null, "submit", "DRAFT", "SUBMITTED", null]);
    events.push([id, `${after}-06T10:00:00+07:00`, null, "approve", "SUBMITTED", "APPROVED", null]);
  });

  // Kỳ Sơn, October 2026: a mix of states for the province to review
  const kySon = (
    await client.query<{ id: number }>(
      `SELECT u.id FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
       JOIN unit d ON d.id = v.parent_id WHERE d.code = '417' AND v.type IN ('XA', 'THI_TRAN') ORDER BY u.code`,
    )
  ).rows;
  const states = ["SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED", "SUBMITTED", "APPROVED", "APPROVED", "RETURNED", "DRAFT", "DRAFT"] as const;
  states.forEach((status, k) => {
    const commune = kySon[k];
    if (!commune) return;
    const id = ids[cells.length + k]!;
    const q = rng(hash(`results:417:${commune.id}`));
    const values = INDICATORS.map((ind) => (ind.key === "securityReports" ? int(q, 1, 9) : ind.key === "chipIdApplications" ? int(q, 20, 140) : ind.key === "crimeReports" ? int(q, 0, 2) : 0));
    const version = { DRAFT: 1, SUBMITTED: 2, APPROVED: 3, RETURNED: 3 }[status];
    rows.push([id, commune.id, "2026-10-01", status, ...values, version]);
    events.push([id, "2026-11-02T08:00:00+07:00", district, "create", null, "DRAFT", null]);
    if (status !== "DRAFT") events.push([id, "2026-11-03T09:00:00+07:00", district, "submit", "DRAFT", "SUBMITTED", null]);
    if (status === "APPROVED") events.push([id, "2026-11-05T10:00:00+07:00", province, "approve", "SUBMITTED", "APPROVED", null]);
    if (status === "RETURNED") events.push([id, "2026-11-05T10:30:00+07:00", province, "return", "SUBMITTED", "RETURNED", "Số tin về ANTT chưa khớp sổ theo dõi; đề nghị kiểm tra lại."]);
  });

  await insertReturns(client, rows, events);

  const target = await client.query<{ id: number }>(
    `INSERT INTO result_target (unit_id, indicator, title, period_start, due_date, target)
     VALUES ((SELECT id FROM unit WHERE code = '30' AND valid_to IS NULL), 'CHIP_ID_APPLICATIONS',
             'Thu nhận hồ sơ cấp Căn cước công dân gắn chip', '2021-01-01', '2021-06-30', 988200) RETURNING id`,
  );
  await client.query(`INSERT INTO target_progress (target_id, reported_on, value, note) VALUES ($1, '2021-05-14', $2, $3)`, [
    target.rows[0]!.id,
    CHIP_ID_ON_14_MAY,
    "Báo cáo nhanh của Công an tỉnh",
  ]);
  return { returns: rows.length };
}

/**
 * Kỳ Sơn's returns for the year before October 2026 (November 2025 – September 2026): most approved and on
 * time, some late, a few never sent — so the district's and Nghệ An's dashboards show a realistic year.
 */
export async function seedDemoRecentReturns(client: pg.ClientBase): Promise<{ returns: number }> {
  const user = async (username: string) => (await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username])).rows[0]?.id ?? null;
  const [district, province] = [await user("huyen.kyson"), await user("tinh.nghean")];
  const communes = (
    await client.query<{ id: number }>(
      `SELECT u.id FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
       JOIN unit d ON d.id = v.parent_id WHERE d.code = '417' AND v.type IN ('XA', 'THI_TRAN') ORDER BY u.code`,
    )
  ).rows;
  const months = monthsFrom("2025-11", "2026-09");
  const rows: ReturnRow[] = [];
  const events: EventRow[] = [];
  const ids = await reserveIds(client, "monthly_return", communes.length * months.length);
  let k = 0;
  for (const c of communes) {
    for (const m of months) {
      const r = rng(hash(`results:417:${c.id}:${m}`));
      if (r() < 0.04) continue; // never sent
      const id = ids[k++]!;
      const after = nextMonth(m);
      const day = r() < 0.85 ? int(r, 1, 5) : int(r, 6, 20); // on time by the 5th, or late
      const values = INDICATORS.map((ind) =>
        ind.key === "securityReports" ? int(r, 1, 9) : ind.key === "crimeReports" ? int(r, 0, 2) : ind.key === "casesCleared" ? int(r, 0, 2) : ind.key === "chipIdApplications" ? int(r, 10, 120) : ind.key === "adminSanctions" ? int(r, 0, 3) : 0,
      );
      rows.push([id, c.id, `${m}-01`, "APPROVED", ...values, 3]);
      const dd = String(day).padStart(2, "0");
      events.push([id, `${after}-${dd}T08:00:00+07:00`, district, "create", null, "DRAFT", null]);
      events.push([id, `${after}-${dd}T09:00:00+07:00`, district, "submit", "DRAFT", "SUBMITTED", null]);
      events.push([id, `${after}-${String(Math.min(day + 3, 28)).padStart(2, "0")}T10:00:00+07:00`, province, "approve", "SUBMITTED", "APPROVED", null]);
    }
  }
  await insertReturns(client, rows, events);
  return { returns: rows.length };
}
