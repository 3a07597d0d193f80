// The demo data through the map's changes (issue 9): the seed carries the officers of the communes that the
// 2023–2025 mergers removed into a commune that remains, so that the 2025 reform (npm run units:reform) fits
// the demo database; the reform then carries every officer, and no figure before it moves.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeCoverage } from "@/lib/coverage/queries";
import type { Month } from "@/lib/results/indicators";
import { computeResults } from "@/lib/results/queries";
import { runAction } from "@/lib/actions/scoped";
import { todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { DEMO_MERGERS } from "@/lib/db/seed/demo";
import { ConfirmPlacementSchema } from "@/lib/units/placement-schemas";
import { countOpenPlacements, listPlacements, makeChiefPlacement } from "@/lib/units/placements";
import { countUsersOfEndedUnits, getManagedUser, listUsers } from "@/lib/users/queries";
import { countUnitsByLevel, findUnitByCode, findUnitById } from "@/lib/units/queries";
import { applyReform } from "@/lib/units/reform";
import { parseReformFiles, readReformFiles, REFORM_2025 } from "@/lib/units/reform-files";
import { withTestDatabase } from "../support/db";
import { ministry, viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const d = (s: string) => s as IsoDate;
const q = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) => (await db.client().query<T>(sql, values)).rows;

const serving = (date: string) =>
  q<{ n: number }>(`SELECT count(*)::int AS n FROM assignment WHERE start_date <= $1 AND (end_date IS NULL OR end_date > $1)`, [date]).then((r) => r[0]!.n);

describe("the demo through the 2023–2025 mergers", () => {
  it("records them as of 01/03/2025: 568 communes ended, each with the one commune it went into", async () => {
    const [reform] = await q<{ id: number; effective_on: Date }>(`SELECT id, effective_on FROM unit_reform WHERE name = $1`, [DEMO_MERGERS]);
    expect(reform).toBeDefined();
    const s = await q<{ n: number; whole: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE whole AND proposed)::int AS whole FROM unit_succession WHERE reform_id = $1`, [reform!.id]);
    expect(s[0]).toEqual({ n: 568, whole: 568 });
    expect(await countUnitsByLevel(d("2025-03-01"))).toEqual({ PROVINCE: 63, DISTRICT: 696, COMMUNE: 10_035 });
  });

  it("nobody serves in a commune that has ended; everyone serving there on the eve goes on in the commune it went into", async () => {
    const stranded = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignment a JOIN unit u ON u.id = a.commune_id
       WHERE u.valid_to IS NOT NULL AND (a.end_date IS NULL OR a.end_date > u.valid_to)`,
    );
    expect(stranded[0]!.n).toBe(0);
    // serving on the eve in a commune that ended: the post ends that day and goes on, linked, in its successor
    const notCarried = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM assignment p JOIN unit u ON u.id = p.commune_id AND u.valid_to = '2025-03-01'
       WHERE p.start_date < '2025-03-01' AND p.end_date = '2025-03-01' AND p.end_reason = 'REORGANISATION'
         AND NOT EXISTS (SELECT 1 FROM assignment a JOIN unit_succession s ON s.predecessor_id = u.id AND s.successor_id = a.commune_id
                         WHERE a.previous_id = p.id AND a.start_date = '2025-03-01' AND a.officer_id = p.officer_id)`,
    );
    expect(notCarried[0]!.n).toBe(0);
    // each carried post is linked to the one it continues, with the reason "reorganisation"
    const links = await q<{ n: number; bad: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE p.end_reason <> 'REORGANISATION' OR p.officer_id <> a.officer_id)::int AS bad
       FROM assignment a JOIN assignment p ON p.id = a.previous_id WHERE a.start_date = '2025-03-01' AND p.end_date = '2025-03-01'`,
    );
    expect(links[0]!.n).toBeGreaterThan(2_000);
    expect(links[0]!.bad).toBe(0);
  });
});

describe("the chiefs the demo mergers made deputies", () => {
  it("are listed for review to the district and province where the commune they went into is, and to nobody else", async () => {
    const quynhLuu = await viewerOf(db.client(), "DISTRICT", "421");
    const kySon = await viewerOf(db.client(), "DISTRICT", "417");
    const kontum = await viewerOf(db.client(), "PROVINCE", "62");
    const ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
    const mine = await listPlacements(quynhLuu, { status: "open", page: 1 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.reason === "CHIEF" && r.post === "DEPUTY_CHIEF" && r.reformOn === "2025-03-01")).toBe(true);
    expect(await countOpenPlacements(ngheAn)).toBeGreaterThanOrEqual(mine.total);
    expect(await countOpenPlacements(kySon)).toBe(0); // no commune of Kỳ Sơn merged
    expect(await countOpenPlacements(kontum)).toBe(0);
  });
});

describe("a chief the demo mergers made deputy is made chief by the province", () => {
  it("the chief since before the mergers is chief until the eve and deputy from the day, linked; the figures before do not move", async () => {
    const ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
    // an open placement of Quỳnh Lưu whose deputy post still runs and whose commune got no other chief later
    const [p] = await q<{ id: number; officer_id: number; commune_id: number }>(
      `SELECT p.id, a.officer_id, a.commune_id FROM reform_placement p JOIN unit_reform r ON r.id = p.reform_id AND r.name = $1
       JOIN assignment a ON a.id = p.assignment_id AND a.end_date IS NULL AND a.post = 'DEPUTY_CHIEF'
       JOIN unit_version v ON v.unit_id = a.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id AND d.code = '421'
       WHERE p.reason = 'CHIEF' AND p.reviewed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM assignment c WHERE c.commune_id = a.commune_id AND c.post = 'CHIEF' AND c.start_date > '2025-03-01')
       ORDER BY p.id LIMIT 1`,
      [DEMO_MERGERS],
    );
    expect(p).toBeDefined();
    const [chief] = await q<{ id: number; officer_id: number; start_date: Date; end_date: Date | null }>(
      `SELECT id, officer_id, start_date, end_date FROM assignment WHERE commune_id = $1 AND post = 'CHIEF' AND start_date < '2025-03-01' AND (end_date IS NULL OR end_date > '2025-03-01')`,
      [p!.commune_id],
    );
    expect(chief).toBeDefined();
    const commune = p!.commune_id;
    const before = [await computeCoverage(commune, d("2025-02-28")), await computeCoverage(ngheAn.unitId, d("2025-02-28"))];
    const officersOnDay = (await computeCoverage(commune, d("2025-03-01"))).total.officers;

    expect(await runAction(ngheAn, ConfirmPlacementSchema, "write:staffing", makeChiefPlacement, { placementId: p!.id })).toMatchObject({ ok: true });

    const rows = await q<{ id: number; officer_id: number; post: string; start: string; end: string | null; reason: string | null; previous_id: number | null }>(
      `SELECT id, officer_id, post::text AS post, start_date::text AS start, end_date::text AS "end", end_reason::text AS reason, previous_id
       FROM assignment WHERE commune_id = $1 AND officer_id IN ($2, $3) AND (end_date IS NULL OR end_date >= '2025-03-01') ORDER BY officer_id, start_date`,
      [commune, chief!.officer_id, p!.officer_id],
    );
    const old = rows.filter((r) => r.officer_id === chief!.officer_id);
    expect(old[0]).toMatchObject({ id: chief!.id, post: "CHIEF", end: "2025-03-01", reason: "REORGANISATION" });
    expect(old[1]).toMatchObject({ post: "DEPUTY_CHIEF", start: "2025-03-01", end: chief!.end_date ? toIsoDate(chief!.end_date) : null, previous_id: chief!.id });
    expect(rows.find((r) => r.officer_id === p!.officer_id)).toMatchObject({ post: "CHIEF", start: "2025-03-01", end: null });
    expect([await computeCoverage(commune, d("2025-02-28")), await computeCoverage(ngheAn.unitId, d("2025-02-28"))]).toEqual(before);
    expect((await computeCoverage(commune, d("2025-03-01"))).total.officers).toBe(officersOnDay);
  });
});

describe("npm run units:reform on the demo data", () => {
  const DATES = ["2021-04-23", "2024-12-31", "2025-06-30"].map(d);
  let before: unknown[];
  let summary: Awaited<ReturnType<typeof applyReform>>["summary"];
  const figures = async () => {
    const out: unknown[] = [];
    for (const date of DATES) out.push(await computeCoverage(null, date), await computeCoverage(null, date, "commune"));
    return out;
  };

  beforeAll(async () => {
    before = await figures();
    const input = parseReformFiles(readReformFiles(path.join(process.cwd(), "prisma", "data")), REFORM_2025.name, REFORM_2025.effectiveOn);
    const r = await applyReform(db.client(), input);
    expect(r.status).toBe("applied");
    summary = r.summary;
  }, 180_000);

  it("applies: 34 provinces and 3,321 communes from 01/07/2025, and every officer serving on the eve serves on the day", async () => {
    const after = await countUnitsByLevel(d("2025-07-01"));
    expect(after).toMatchObject({ PROVINCE: 34, COMMUNE: 3_321 });
    expect(await serving("2025-07-01")).toBe(await serving("2025-06-30"));
    expect(summary.assignments.carried).toBeGreaterThan(40_000);
    // the district and province accounts of units that ended (Kỳ Sơn, Quỳnh Lưu, Kon Tum) are counted for an admin
    expect(summary.usersOutOfScope).toBe(3);
  });

  it("lists for an admin every active account whose unit ended, with what it went into; nobody else gains a list", async () => {
    const admin = { ...ministry, role: "ADMIN" as const };
    const rows = await listUsers(admin, { status: "unitEnded" });
    expect(rows.map((r) => r.username).sort()).toEqual(["huyen.kyson", "huyen.quynhluu", "tinh.kontum"]);
    expect(rows.find((r) => r.username === "tinh.kontum")).toMatchObject({ unitEndedOn: new Date("2025-07-01T00:00:00Z"), unitSuccessors: ["Tỉnh Quảng Ngãi (51)"] });
    expect(await countUsersOfEndedUnits(admin)).toBe(3);
    expect(await countUsersOfEndedUnits(await viewerOf(db.client(), "PROVINCE", "40"))).toBe(0);
    // Nghệ An came through unchanged: its account keeps its unit, and no district account moved under it
    expect((await listUsers(admin, {})).find((r) => r.username === "tinh.nghean")).toMatchObject({ unitEndedOn: null });
  });

  it("an account keeps its own unit by id: its last day after the reform, never a new unit that reuses its code; an admin is asked for the new unit", async () => {
    const today = todayInVietnam();
    // Tuyên Quang's code 08 names the old province until 30/06/2025 and the merged one (with Hà Giang) after it
    const [oldTq] = await q<{ id: number }>(`SELECT id FROM unit WHERE code = '08' AND valid_to = '2025-07-01'`);
    const mine = await findUnitById(oldTq!.id, today);
    expect(mine).toMatchObject({ id: oldTq!.id, existedOnAsOf: false, seenOn: "2025-06-30", validTo: "2025-07-01" });
    expect((await findUnitByCode("08", today))!.id).not.toBe(oldTq!.id);
    // the edit form of an account whose unit ended does not offer the old code again
    const admin = { ...ministry, role: "ADMIN" as const };
    const [kySon] = await q<{ id: number }>(`SELECT id FROM app_user WHERE username = 'huyen.kyson'`);
    expect(await getManagedUser(admin, kySon!.id)).toMatchObject({ unitCode: null, endedUnit: { code: "417", on: "2025-07-01" } });
    const [ngheAn] = await q<{ id: number }>(`SELECT id FROM app_user WHERE username = 'tinh.nghean'`);
    expect(await getManagedUser(admin, ngheAn!.id)).toMatchObject({ unitCode: "40", endedUnit: null });
  });

  it("Kỳ Sơn's monthly returns from July 2025 follow its communes: moved, or added up into the commune they went into", async () => {
    const r = summary.records.returns;
    expect(r.moved + r.merged).toBeGreaterThan(0);
    // every return of a month from the reform is on a commune that exists in that month, or is a source of a merged one
    const stray = await db.client().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM monthly_return r JOIN unit u ON u.id = r.commune_id
       WHERE r.month >= '2025-07-01' AND u.valid_to IS NOT NULL AND u.valid_to <= r.month
         AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'monthly_return' AND a.action = 'reorganise' AND a.before->'returnIds' @> to_jsonb(r.id))`,
    );
    expect(stray.rows[0]!.n).toBe(0);
    // each merged return holds the sum of the returns it came from
    const merged = await db.client().query<{ n: number; wrong: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE m.cases_cleared <> s.cases OR m.crime_reports <> s.crimes)::int AS wrong
       FROM audit_log a JOIN monthly_return m ON m.id = a.entity_id::int
       CROSS JOIN LATERAL (SELECT sum(x.cases_cleared)::int AS cases, sum(x.crime_reports)::int AS crimes FROM monthly_return x WHERE a.before->'returnIds' @> to_jsonb(x.id)) s
       WHERE a.entity = 'monthly_return' AND a.action = 'reorganise' AND m.note LIKE 'Gộp%'`,
    );
    expect(merged.rows[0]).toEqual({ n: r.merged, wrong: 0 });
  });

  it("results over a period across the reform: the province's old districts by their name and last day, after its new communes", async () => {
    const ngheAn = await viewerOf(db.client(), "PROVINCE", "40");
    const r = await computeResults(ngheAn.unitId, "2025-01" as Month, "2025-12" as Month, todayInVietnam());
    const ended = r.byChild.filter((c) => c.until !== null);
    const current = r.byChild.filter((c) => c.until === null);
    expect(ended.map((c) => c.until)).toEqual(ended.map(() => "2025-06-30"));
    expect(ended.find((c) => c.code === "417")).toMatchObject({ name: "Huyện Kỳ Sơn", expected: expect.any(Number) });
    expect(current.length).toBeGreaterThan(100);
    expect(current.every((c) => !/^\d+$/.test(c.name))).toBe(true);
    // the communes of today first, then the districts that ended; every expected return counted once
    expect(r.byChild.slice(0, current.length)).toEqual(current);
    expect(r.byChild.reduce((n, c) => n + c.expected, 0)).toBe(r.total.expected);
  });

  it("leaves every figure before the reform as it was; after it, the country counts the same officers", async () => {
    expect(await figures()).toEqual(before);
    const eve = await computeCoverage(null, d("2025-06-30"));
    const day = await computeCoverage(null, d("2025-07-01"));
    expect(day.total.officers).toBe(eve.total.officers);
    expect(day.children).toHaveLength(34);
  });
});
