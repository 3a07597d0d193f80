// `npm run bench:data` and `npm run bench` work (the benchmark itself never runs in npm test): a district-
// scale dataset, the figure benchmark with a few runs, and a small roster import, as real processes
// against the test PostgreSQL server. Checks the shape of bench/results.json, not any timing.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "bench-smoke-"));

function benchUrl(): string {
  const u = new URL(inject("adminUrl"));
  u.pathname = "/congan_xa_bench_smoke";
  return u.toString();
}

async function npm(script: string, ...args: string[]) {
  const r = await run("npx", ["tsx", "--tsconfig", "scripts/tsconfig.json", `scripts/bench/${script}.ts`, ...args], {
    env: { ...process.env, BENCH_DATABASE_URL: benchUrl() },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return r.stdout;
}

describe("npm run bench (district smoke run)", () => {
  it("builds the district dataset, times every figure against its floor, and imports a roster file", async () => {
    const data = await npm("data", "--scale", "district");
    const counts = JSON.parse(data.split("\n").find((l) => l.startsWith("{"))!) as Record<string, number>;
    expect(counts.communes).toBeGreaterThan(10);
    expect(counts.officers).toBeGreaterThan(counts.communes! * 5);
    expect(counts.officersMoved).toBeGreaterThan(0);
    expect(counts.returns).toBeGreaterThan(counts.communes! * 12);

    const out = path.join(dir, "results.json");
    await npm("run", "--scale", "district", "--runs", "3", "--min-seconds", "0", "--skip", "http,nodes", "--import-rows", "500", "--out", out);
    const results = JSON.parse(readFileSync(out, "utf8")) as {
      dataset: { scale: string };
      figures: { figure: string; scope: string; computed: { runs: number; p50: number }; served: { runs: number }; floor: { runs: number; p50: number }; ratio: number }[];
      import: { rows: number; seconds: number; peakRssMb: number; officersCreated: number; assignmentsCreated: number; errors: number };
    };
    expect(results.dataset.scale).toBe("district");
    // five figures (coverage, series, gaps, results, report) at the district scope, today and in the past
    expect(results.figures).toHaveLength(10);
    expect(new Set(results.figures.map((f) => f.figure)).size).toBe(5);
    for (const f of results.figures) {
      expect(f.scope).toBe("district");
      expect([f.computed.runs, f.served.runs, f.floor.runs]).toEqual([3, 3, 3]);
      expect(f.ratio).toBeCloseTo(f.computed.p50 / f.floor.p50, 1);
    }
    expect(results.import).toMatchObject({ rows: 500, errors: 0, officersCreated: 100, assignmentsCreated: 500 });
    expect(results.import.peakRssMb).toBeGreaterThan(0);
  }, 300_000);
});
