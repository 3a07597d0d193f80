// The benchmark dataset (`npm run bench:data -- --scale national|province|district`, issue 7): deterministic,
// on the real map, sized like the real programme at the chosen scope. Unlike the demo data it reproduces no
// published figure; it has the volume and the shape the ministry's views will meet:
//  - every xã and thị trấn of the scope in the programme (one plan, issued 03/06/2019) and staffed in 2–4
//    phases per province between mid 2019 and early 2021, 5–7 posts per commune;
//  - five and more years of history simulated month by month up to BENCH_END: officers transfer between
//    communes of their district (about 15% of officers move at least once; the vacated post is taken by a
//    mover or a new officer after a gap), officers and commanders retire and are replaced after a gap;
//  - one Party cell per commune whose secretary follows the chief post, and committee memberships of chiefs;
//  - 60 months of monthly returns with their workflow events (mostly approved, some late, returned, missing);
//  - headquarters records, and the demo accounts (same logins and password as the demo data).
// Scales: national (~10,500 communes, ~60,000 officers), province (Nghệ An), district (Kỳ Sơn).
import type pg from "pg";
import { foldVietnamese } from "@/lib/text/fold";
import { INDICATORS } from "@/lib/results/indicators";
import { bulkInsert, reserveIds } from "@/lib/db/bulk";
import { insertDemoUsers } from "./demo";
import { seedDemoFacilities } from "./facilities";
import { personName } from "./names";
import { hash, int, pick, rng, weighted } from "./random";
import { insertReturns, monthsFrom, nextMonth, type EventRow, type ReturnRow } from "./results";

export const BENCH_SCALES = { national: null, province: "40", district: "417" } as const;
export type BenchScale = keyof typeof BENCH_SCALES;
export const BENCH_DATA_VERSION = 1;
/** The last day the simulated history reaches: fixed, so every run builds the same dataset. */
export const BENCH_END = "2026-11-20";
const PLAN_ISSUED = "2019-06-03";
const TRANSFER_PER_YEAR = 0.058; // of OFFICER posts
const LEAVE_PER_YEAR = 0.033; // retirement and other ends, every post
const RETURN_MONTHS = 60;

type Commune = { id: number; code: string; name: string; type: string; districtCode: string; provinceCode: string; provinceId: number };
type Post = "CHIEF" | "DEPUTY_CHIEF" | "OFFICER";
type Assignment = { id: number; officer: number; commune: Commune; post: Post; start: number; end: number | null; reason: string | null; previous: number | null };
type Slot = { commune: Commune; post: Post; holder: Assignment | null; vacantFrom: number; fillBy: number };
type Mover = { officer: number; from: Commune; day: number; assignment: number };

// dates as day numbers (days since 1970-01-01), turned into ISO strings only when written
const DAY = 86_400_000;
const dn = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

export type BenchCounts = {
  scale: BenchScale;
  communes: number;
  officers: number;
  assignments: number;
  officersMoved: number;
  cells: number;
  memberships: number;
  returns: number;
  returnEvents: number;
};

/** Builds the dataset on a migrated database holding the map and nothing else. */
export async function generateBenchData(client: pg.ClientBase, scale: BenchScale, log: (s: string) => void = () => {}): Promise<BenchCounts> {
  const rootCode = BENCH_SCALES[scale];
  const communes = (
    await client.query<Commune>(
      `SELECT u.id, u.code, v.name, v.type::text AS type, d.code AS "districtCode", p.id AS "provinceId", p.code AS "provinceCode"
       FROM unit u
       JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
       JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL
       JOIN unit p ON p.id = dv.parent_id
       WHERE u.level = 'COMMUNE' AND v.type IN ('XA', 'THI_TRAN') AND ($1::text IS NULL OR p.code = $1 OR d.code = $1)
       ORDER BY u.code`,
      [rootCode],
    )
  ).rows;
  if (communes.length === 0) throw new Error(`bench data: no commune under ${rootCode}`);
  const end = dn(BENCH_END);

  // the plan and its phases --------------------------------------------------------------------------
  const scopeId = rootCode === null ? null : (await client.query<{ id: number }>(`SELECT id FROM unit WHERE code = $1 AND valid_to IS NULL`, [rootCode])).rows[0]!.id;
  const planId = (
    await client.query<{ id: number }>(
      `INSERT INTO rollout_plan (code, title, issued_on, scope_unit_id, covers_types) VALUES ($1, $2, $3, $4, '{XA,THI_TRAN}') RETURNING id`,
      ["BENCH-2019", "Lộ trình bố trí Công an chính quy (dữ liệu đo hiệu năng)", PLAN_ISSUED, scopeId],
    )
  ).rows[0]!.id;
  const byProvince = new Map<string, Commune[]>();
  const byDistrict = new Map<string, Commune[]>();
  for (const c of communes) {
    byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
    byDistrict.set(c.districtCode, [...(byDistrict.get(c.districtCode) ?? []), c]);
  }
  const phaseRows: [number, number, number, number, string, string, string][] = [];
  const planCommunes: [number, number, number][] = [];
  const staffedOn = new Map<number, number>();
  const phaseIds = await reserveIds(client, "rollout_phase", byProvince.size * 4);
  for (const [code, list] of byProvince) {
    const r = rng(hash(`bench:phases:${code}`));
    const n = int(r, 2, 4);
    const first = dn("2019-07-01") + int(r, 0, 240);
    const step = Math.floor(((dn("2021-01-31") - first) * (0.5 + r() * 0.4)) / (n - 1));
    const size = Math.ceil(list.length / n);
    for (let i = 0; i < n; i++) {
      const id = phaseIds[phaseRows.length]!;
      const start = first + i * step;
      const target = i < n - 1 ? first + (i + 1) * step - 1 : dn("2021-03-31");
      phaseRows.push([id, planId, list[0]!.provinceId, i + 1, `Giai đoạn ${i + 1}`, iso(start), iso(target)]);
      for (const c of list.slice(i * size, (i + 1) * size)) {
        planCommunes.push([planId, c.id, id]);
        staffedOn.set(c.id, Math.min(start + int(r, 0, 40), target - 10));
      }
    }
  }
  await bulkInsert(client, "rollout_phase",
    [["id", "int"], ["plan_id", "int"], ["province_id", "int"], ["ordinal", "int"], ["name", "text"], ["start_date", "date"], ["target_date", "date"]], phaseRows);
  await bulkInsert(client, "plan_commune", [["plan_id", "int"], ["commune_id", "int"], ["phase_id", "int"]], planCommunes);

  // officers and their posts, month by month ------------------------------------------------------------
  type OfficerRow = [number, string, string, string, string, string, string, string, boolean, string | null];
  const officers: OfficerRow[] = [];
  const assignments: Assignment[] = [];
  const officerIds = await reserveIds(client, "officer", Math.ceil(communes.length * 7.5));
  const assignmentIds = await reserveIds(client, "assignment", Math.ceil(communes.length * 9));
  const seq = new Map<string, number>();
  const r = rng(hash(`bench:people:${scale}`));

  const newOfficer = (c: Commune, post: Post, day: number): number => {
    const id = officerIds[officers.length];
    if (id === undefined) throw new Error("bench data: reserve more officer ids");
    const n = (seq.get(c.provinceCode) ?? 0) + 1;
    seq.set(c.provinceCode, n);
    const gender = r() < 0.9 ? "MALE" : "FEMALE";
    const name = personName(r, gender, "Kinh");
    const rank = post === "CHIEF" ? pick(r, ["DAI_UY", "THIEU_TA", "TRUNG_TA"]) : post === "DEPUTY_CHIEF" ? pick(r, ["THUONG_UY", "DAI_UY"]) : pick(r, ["TRUNG_SI", "THUONG_SI", "THIEU_UY", "TRUNG_UY", "THUONG_UY"]);
    const birthYear = Number(iso(day).slice(0, 4)) - (post === "OFFICER" ? int(r, 21, 32) : int(r, 30, 48));
    const birth = `${birthYear}-${String(int(r, 1, 12)).padStart(2, "0")}-${String(int(r, 1, 28)).padStart(2, "0")}`;
    const party = post !== "OFFICER" || r() < 0.7;
    const joined = party ? `${birthYear + int(r, 20, 26)}-${String(int(r, 1, 12)).padStart(2, "0")}-01` : null;
    officers.push([id, `${c.provinceCode}${String(n).padStart(6, "0")}`, name, foldVietnamese(name), rank, gender, birth, "Kinh", party, joined]);
    return id;
  };
  const assign = (officer: number, c: Commune, post: Post, start: number, previous: number | null): Assignment => {
    const id = assignmentIds[assignments.length];
    if (id === undefined) throw new Error("bench data: reserve more assignment ids");
    const a: Assignment = { id, officer, commune: c, post, start, end: null, reason: null, previous };
    assignments.push(a);
    return a;
  };

  const slotsByDistrict = new Map<string, Slot[]>();
  const pending: { slot: Slot; start: number }[] = [];
  for (const c of communes) {
    const q = rng(hash(`bench:staff:${c.code}`));
    const count = weighted(q, [[5, 80], [6, 17], [7, 3]] as const);
    const first = staffedOn.get(c.id)!;
    for (let i = 0; i < count; i++) {
      const post: Post = i === 0 ? "CHIEF" : i === 1 || (i === 2 && count >= 6) ? "DEPUTY_CHIEF" : "OFFICER";
      const slot: Slot = { commune: c, post, holder: null, vacantFrom: first, fillBy: first };
      pending.push({ slot, start: i < 2 ? first : first + int(q, 0, 30) });
    }
  }
  pending.sort((a, b) => a.start - b.start);

  const months: number[] = [];
  for (let y = 2019, m = 7; iso(dn(`${y}-${String(m).padStart(2, "0")}-01`)) <= BENCH_END; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(dn(`${y}-${String(m).padStart(2, "0")}-01`));
  }
  const movers = new Map<string, Mover[]>();
  const moved = new Set<number>();
  let next = 0;
  for (const [mi, monthStart] of months.entries()) {
    const monthEnd = Math.min((months[mi + 1] ?? end + 1) - 1, end);
    // the first holders whose start falls in this month
    while (next < pending.length && pending[next]!.start <= monthEnd) {
      const { slot, start } = pending[next++]!;
      slot.holder = assign(newOfficer(slot.commune, slot.post, start), slot.commune, slot.post, start, null);
      const district = slot.commune.districtCode;
      slotsByDistrict.set(district, [...(slotsByDistrict.get(district) ?? []), slot]);
    }
    for (const [district, slots] of slotsByDistrict) {
      // who leaves this month
      for (const slot of slots) {
        const h = slot.holder;
        if (!h || h.start >= monthStart) continue;
        const x = r();
        const transfer = slot.post === "OFFICER" ? TRANSFER_PER_YEAR / 12 : 0;
        if (x >= transfer + LEAVE_PER_YEAR / 12) continue;
        const day = monthStart + int(r, 1, monthEnd - monthStart);
        h.end = day;
        if (x < transfer) {
          h.reason = "TRANSFER";
          movers.set(district, [...(movers.get(district) ?? []), { officer: h.officer, from: slot.commune, day, assignment: h.id }]);
        } else {
          h.reason = r() < 0.8 ? "RETIREMENT" : "OTHER";
        }
        slot.holder = null;
        slot.vacantFrom = day;
        slot.fillBy = day + int(r, 10, 75);
      }
      // vacant posts: a mover of the district from another commune takes an officer's post, else a new
      // officer arrives once the gap is over; movers nobody needed go to an extra post in another commune
      const waiting = movers.get(district) ?? [];
      for (const slot of slots) {
        if (slot.holder) continue;
        if (slot.post === "OFFICER") {
          const k = waiting.findIndex((m) => m.from.id !== slot.commune.id);
          if (k >= 0) {
            const m = waiting.splice(k, 1)[0]!;
            const start = Math.max(slot.vacantFrom, m.day) + int(r, 0, 5);
            if (start <= end) {
              slot.holder = assign(m.officer, slot.commune, "OFFICER", start, m.assignment);
              moved.add(m.officer);
              continue;
            }
            waiting.push(m);
          }
        }
        if (slot.fillBy <= monthEnd) slot.holder = assign(newOfficer(slot.commune, slot.post, slot.fillBy), slot.commune, slot.post, slot.fillBy, null);
      }
      for (let k = waiting.length - 1; k >= 0; k--) {
        const m = waiting[k]!;
        if (monthEnd - m.day < 45) continue;
        const others = (byDistrict.get(district) ?? []).filter((c) => c.id !== m.from.id);
        if (others.length === 0) continue;
        const to = pick(r, others);
        const slot: Slot = { commune: to, post: "OFFICER", holder: null, vacantFrom: m.day, fillBy: m.day };
        slot.holder = assign(m.officer, to, "OFFICER", m.day + 45, m.assignment);
        moved.add(m.officer);
        slots.push(slot);
        waiting.splice(k, 1);
      }
      movers.set(district, waiting);
    }
  }
  // a mover still waiting at the end has left the district's communes: their assignment ended by transfer
  log(`officers: ${officers.length}, assignments: ${assignments.length}, moved: ${moved.size}`);

  await bulkInsert(client, "officer",
    [["id", "int"], ["officer_number", "text"], ["full_name", "text"], ["search_name", "text"], ["rank", '"Rank"'], ["gender", '"Gender"'],
     ["birth_date", "date"], ["ethnicity", "text"], ["party_member", "bool"], ["party_joined_on", "date"]], officers);
  assignments.sort((a, b) => a.id - b.id);
  await bulkInsert(client, "assignment",
    [["id", "int"], ["officer_id", "int"], ["commune_id", "int"], ["post", '"Post"'], ["start_date", "date"], ["end_date", "date"], ["end_reason", '"EndReason"'], ["previous_id", "int"]],
    assignments.map((a) => [a.id, a.officer, a.commune.id, a.post, iso(a.start), a.end === null ? null : iso(a.end), a.reason, a.previous]),
    100_000);

  // Party cells: one per commune; the secretary is whoever holds the chief post -------------------------
  const chiefs = new Map<number, Assignment[]>();
  for (const a of assignments) if (a.post === "CHIEF") chiefs.set(a.commune.id, [...(chiefs.get(a.commune.id) ?? []), a]);
  const cellIds = await reserveIds(client, "party_cell", communes.length);
  const cells: [number, string, string][] = [];
  const cellCommunes: [number, number][] = [];
  const secretaries: [number, number, string, string | null][] = [];
  const memberships: [number, number, string, string, string | null][] = [];
  communes.forEach((c, i) => {
    const q = rng(hash(`bench:cell:${c.code}`));
    const established = staffedOn.get(c.id)! + int(q, 45, 120);
    const id = cellIds[i]!;
    cells.push([id, `Chi bộ Công an ${c.name.replace(/^(Xã|Thị trấn)/, (m) => m.toLowerCase())}`, iso(established)]);
    cellCommunes.push([id, c.id]);
    for (const a of chiefs.get(c.id) ?? []) {
      const from = Math.max(a.start, established);
      if (a.end !== null && a.end <= from) continue;
      secretaries.push([id, a.officer, iso(from), a.end === null ? null : iso(a.end)]);
      if (q() < 0.6) {
        const since = from + int(q, 10, 60);
        if (a.end !== null && a.end <= since) continue;
        memberships.push([a.officer, c.id, "EXECUTIVE", iso(since), a.end === null ? null : iso(a.end)]);
        if (q() < 0.5) memberships.push([a.officer, c.id, "STANDING", iso(since), a.end === null ? null : iso(a.end)]);
      }
    }
  });
  await bulkInsert(client, "party_cell", [["id", "int"], ["name", "text"], ["established_on", "date"]], cells);
  await bulkInsert(client, "party_cell_commune", [["cell_id", "int"], ["commune_id", "int"]], cellCommunes);
  await bulkInsert(client, "cell_secretary", [["cell_id", "int"], ["officer_id", "int"], ["start_date", "date"], ["end_date", "date"]], secretaries);
  await bulkInsert(client, "committee_membership",
    [["officer_id", "int"], ["commune_id", "int"], ["committee", '"Committee"'], ["start_date", "date"], ["end_date", "date"]], memberships);

  // monthly returns: the 60 months before BENCH_END's month ----------------------------------------------
  const lastMonth = iso(dn(`${BENCH_END.slice(0, 7)}-01`) - 1).slice(0, 7);
  const allMonths = monthsFrom("2019-07", lastMonth);
  const returnMonths = allMonths.slice(-RETURN_MONTHS);
  const returnIds = await reserveIds(client, "monthly_return", communes.length * returnMonths.length);
  const returns: ReturnRow[] = [];
  const events: EventRow[] = [];
  for (const c of communes) {
    const firstMonth = iso(staffedOn.get(c.id)!).slice(0, 7);
    for (const m of returnMonths) {
      if (m < firstMonth) continue;
      const q = rng(hash(`bench:return:${c.id}:${m}`));
      const x = q();
      if (x < 0.01) continue; // never sent
      const status = m === lastMonth ? weighted(q, [["APPROVED", 40], ["SUBMITTED", 40], ["RETURNED", 5], ["DRAFT", 15]] as const) : x < 0.98 ? "APPROVED" : x < 0.99 ? "SUBMITTED" : "RETURNED";
      const id = returnIds[returns.length]!;
      const values = INDICATORS.map((ind) =>
        ind.key === "securityReports" ? int(q, 0, 12) : ind.key === "crimeReports" ? int(q, 0, 3) : ind.key === "casesCleared" ? int(q, 0, 3)
        : ind.key === "suspects" ? int(q, 0, 3) : ind.key === "adminSanctions" ? int(q, 0, 4) : ind.key === "chipIdApplications" ? int(q, 0, 150) : int(q, 0, 1));
      returns.push([id, c.id, `${m}-01`, status, ...values, { DRAFT: 1, SUBMITTED: 2, APPROVED: 3, RETURNED: 3 }[status]]);
      const after = nextMonth(m);
      const day = q() < 0.85 ? int(q, 1, 5) : int(q, 6, 20);
      const dd = String(day).padStart(2, "0");
      events.push([id, `${after}-${dd}T08:00:00+07:00`, null, "create", null, "DRAFT", null]);
      if (status === "DRAFT") continue;
      events.push([id, `${after}-${dd}T09:00:00+07:00`, null, "submit", "DRAFT", "SUBMITTED", null]);
      const decided = `${after}-${String(Math.min(day + 3, 28)).padStart(2, "0")}T10:00:00+07:00`;
      if (status === "APPROVED") events.push([id, decided, null, "approve", "SUBMITTED", "APPROVED", null]);
      if (status === "RETURNED") events.push([id, decided, null, "return", "SUBMITTED", "RETURNED", "Số liệu chưa khớp sổ theo dõi."]);
    }
  }
  await insertReturns(client, returns, events);
  log(`returns: ${returns.length}, events: ${events.length}`);

  await seedDemoFacilities(client);
  await insertDemoUsers(client);
  const counts: BenchCounts = {
    scale,
    communes: communes.length,
    officers: officers.length,
    assignments: assignments.length,
    officersMoved: moved.size,
    cells: cells.length,
    memberships: memberships.length,
    returns: returns.length,
    returnEvents: events.length,
  };
  await client.query(`INSERT INTO app_meta (key, value) VALUES ('bench_data', $1)`, [JSON.stringify({ version: BENCH_DATA_VERSION, ...counts })]);
  return counts;
}
