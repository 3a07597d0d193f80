// The figure benchmark: every figure function the dashboards and reports call, at national / province /
// district scope, as of today and as of a past date — computed (figure cache off), served (cache on, as
// the app serves it) and its floor (./floors.ts), timed in the same run. Each floor's answer is checked
// against the app's before anything is timed.
import pg from "pg";
import { addDays, todayInVietnam, type IsoDate } from "@/lib/dates";
import type { Viewer } from "@/lib/auth/session";
import { setFigureCache } from "@/lib/cache/figures";
import { computeCoverage } from "@/lib/coverage/queries";
import { computeSeries } from "@/lib/coverage/series";
import { computeGapList } from "@/lib/coverage/gaps";
import { computeResults } from "@/lib/results/queries";
import { addMonth, lastDay, monthOf } from "@/lib/results/indicators";
import { buildReport } from "@/lib/reports/report";
import { findUnitByCode } from "@/lib/units/queries";
import { env } from "@/lib/env";
import { floorCoverage, floorResults, floorSeries, floorUnderNorm, planned, prepared, type FloorClient, type Level } from "./floors";
import { summarize, type Stats } from "./stats";

export type FigureResult = {
  figure: string;
  scope: string;
  asOf: IsoDate;
  computed: Stats;
  served: Stats;
  /** the faster (p50) of the floor planned for its values on every run and the floor prepared once (generic plan) */
  floor: Stats;
  floorBoth: { planned: Stats; prepared: Stats };
  /** computed p50 / floor p50 */
  ratio: number;
};

const ministry: Viewer = { id: -1, username: "bench", displayName: "Benchmark", role: "MINISTRY", unitId: null, unitCode: null };

type Case = { figure: string; app: () => Promise<unknown>; floor: (client: FloorClient) => Promise<unknown>; check: () => Promise<string | null> };

export async function benchFigures(url: string, opts: { runs: number; minSeconds: number; scopes: { label: string; level: Level; code: string | null }[]; pastDate: IsoDate; log: (s: string) => void }): Promise<FigureResult[]> {
  // the floor, both ways: planned for its values on every run, and prepared once on its generic plan (as the
  // app runs its figures below the country); the faster is the floor
  const plannedClient = new pg.Client({ connectionString: url });
  const preparedClient = new pg.Client({ connectionString: url, options: "-c plan_cache_mode=force_generic_plan" });
  await plannedClient.connect();
  await preparedClient.connect();
  const client = planned(plannedClient);
  const floorClients = { planned: client, prepared: prepared(preparedClient) };
  const out: FigureResult[] = [];
  try {
    const today = todayInVietnam();
    for (const scope of opts.scopes) {
      const unit = scope.code ? await findUnitByCode(scope.code, today) : null;
      if (scope.code && !unit) throw new Error(`bench: no unit ${scope.code}`);
      const id = unit?.id ?? null;
      for (const asOf of [today, opts.pastDate]) {
        const lastMonth = addMonth(monthOf(asOf), -1);
        const from = addMonth(lastMonth, -11);
        const ends: string[] = [];
        for (let m = from; m <= lastMonth; m = addMonth(m, 1)) ends.push(lastDay(m));
        const cutoff = `${addDays(asOf, 1)}T00:00:00+07:00`;
        const compare = addDays(asOf, -365);
        let seriesDates: string[] = [];
        const cases: Case[] = [
          {
            figure: "coverage (cards + child table)",
            app: () => computeCoverage(id, asOf),
            floor: (fc) => floorCoverage(fc, scope.level, id, asOf),
            check: async () => {
              const [a, f] = [await computeCoverage(id, asOf), await floorCoverage(client, scope.level, id, asOf)];
              const t = f[0]!;
              const same = a.total.inProgramme === t.in_programme && a.total.staffed === t.staffed && a.total.fullyStaffed === t.fully_staffed
                && a.total.officers === t.officers && a.total.partyCells === t.party_cells && a.total.secretariesPolice === t.secretaries_police
                && a.total.executiveMembers === t.executive_members && a.total.standingMembers === t.standing_members;
              const byChild = new Map(f.slice(1).map((r) => [r.child_id, r]));
              const childrenSame = a.children.every((c) => (byChild.get(c.unitId)?.staffed ?? 0) === c.figures.staffed && (byChild.get(c.unitId)?.officers ?? 0) === c.figures.officers);
              return same && childrenSame ? null : `coverage differs: ${JSON.stringify(a.total)} vs ${JSON.stringify(t)}`;
            },
          },
          {
            figure: "series (monthly, since the first officer)",
            app: () => computeSeries(id, asOf),
            floor: (fc) => floorSeries(fc, scope.level, id, seriesDates),
            check: async () => {
              const a = await computeSeries(id, asOf);
              seriesDates = a.points.map((p) => p.date);
              const f = await floorSeries(client, scope.level, id, seriesDates);
              const byDate = new Map(f.map((r) => [r.d, r]));
              const bad = a.points.find((p) => {
                const r = byDate.get(p.date);
                return (r?.staffed ?? 0) !== p.staffed || (r?.officers ?? 0) !== p.officers || (r?.in_programme ?? 0) !== p.inProgramme || (r?.fully_staffed ?? 0) !== p.fullyStaffed;
              });
              return bad ? `series differs on ${bad.date}` : null;
            },
          },
          {
            figure: "gaps (under the norm, first page)",
            app: () => computeGapList("underNorm", id, asOf),
            floor: (fc) => floorUnderNorm(fc, scope.level, id, asOf),
            check: async () => {
              const [a, f] = [await computeGapList("underNorm", id, asOf), await floorUnderNorm(client, scope.level, id, asOf)];
              const shown = a.rows.map((r) => ({ code: r.communeCode, commune: r.commune, district: r.district, province: r.province, officers: r.officers, norm: r.norm, short: r.short }));
              return a.total === f.total && JSON.stringify(shown) === JSON.stringify(f.first) ? null : `gaps differ: ${a.total} vs ${f.total}, ${JSON.stringify(shown[0])} vs ${JSON.stringify(f.first[0])}`;
            },
          },
          {
            figure: "results (12 months)",
            app: () => computeResults(id, from, lastMonth, asOf),
            floor: (fc) => floorResults(fc, scope.level, id, ends, cutoff, env().RETURN_DUE_DAY),
            check: async () => {
              const [a, f] = [await computeResults(id, from, lastMonth, asOf), await floorResults(client, scope.level, id, ends, cutoff, env().RETURN_DUE_DAY)];
              const t = f[0]!;
              return a.total.expected === t.expected && a.total.received === t.received && a.total.onTime === t.on_time && a.total.approved === t.approved
                && a.total.values.securityReports === t.security_reports
                ? null : `results differ: ${JSON.stringify(a.total)} vs ${JSON.stringify(t)}`;
            },
          },
          {
            figure: "report (two dates, phases, results)",
            app: () => buildReport(ministry, unit, asOf, compare, "children"),
            floor: async (fc) => {
              await floorCoverage(fc, scope.level, id, asOf);
              await floorCoverage(fc, scope.level, id, compare);
              await floorResults(fc, scope.level, id, ends, cutoff, env().RETURN_DUE_DAY);
            },
            check: async () => null, // its parts are checked above
          },
        ];
        for (const c of cases) {
          setFigureCache(false);
          const problem = await c.check();
          if (problem) throw new Error(`bench: the floor of "${c.figure}" (${scope.label}, ${asOf}) does not give the app's figure: ${problem}`);
          for (let i = 0; i < 2; i++) await Promise.all([c.app(), c.floor(floorClients.planned), c.floor(floorClients.prepared)]); // warm-up
          const computed: number[] = [];
          const floorPlanned: number[] = [];
          const floorPrepared: number[] = [];
          // at least `runs` rounds, and at least `minSeconds` of them: a district's figure takes under a
          // millisecond, where 30 rounds leave its p50 to chance
          const started = performance.now();
          for (let i = 0; i < opts.runs || performance.now() - started < opts.minSeconds * 1000; i++) {
            computed.push(await time(c.app));
            floorPlanned.push(await time(() => c.floor(floorClients.planned)));
            floorPrepared.push(await time(() => c.floor(floorClients.prepared)));
          }
          setFigureCache(true);
          await c.app();
          const served: number[] = [];
          for (let i = 0; i < opts.runs; i++) served.push(await time(c.app));
          const both = { planned: summarize(floorPlanned), prepared: summarize(floorPrepared) };
          const isPrepared = both.prepared.p50 < both.planned.p50;
          const r: FigureResult = {
            figure: c.figure, scope: scope.label, asOf, computed: summarize(computed), served: summarize(served),
            floor: isPrepared ? both.prepared : both.planned, floorBoth: both, ratio: 0,
          };
          r.ratio = Math.round((r.computed.p50 / r.floor.p50) * 100) / 100;
          out.push(r);
          opts.log(`${c.figure.padEnd(40)} ${scope.label.padEnd(9)} ${asOf}  computed p50 ${r.computed.p50} ms p95 ${r.computed.p95} · served p95 ${r.served.p95} · floor p50 ${r.floor.p50} ms${isPrepared ? " (prepared)" : ""} [planned ${both.planned.p50} · prepared ${both.prepared.p50}] · ×${r.ratio}`);
        }
      }
    }
  } finally {
    setFigureCache(true);
    await plannedClient.end();
    await preparedClient.end();
  }
  return out;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
