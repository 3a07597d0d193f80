// npm run bench -- [--scale national|province|district] [--scopes national,province,district] [--runs 30] [--min-seconds 2] [--seconds 10] [--skip figures,http,nodes,import]
//                  [--import-rows 60000] [--out bench/results.json]
// Measures the app on a benchmark dataset (npm run bench:data) and writes the numbers to bench/results.json:
//   figures  every figure function, computed and served, against its hand-written SQL floor (./figures.ts)
//   http     the national dashboard and report downloads over HTTP at 1 / 10 / 50 clients, peak RSS (./http.ts)
//   nodes    the same load through a proxy in front of two app nodes; identical figures on both, before and
//            after a write (the figure caches of both nodes follow the data version)
//   import   a roster file of 60,000 rows: wall time and peak memory (./import.ts)
// Nothing here runs in `npm test` except a district-scale smoke run (tests/integration/bench.test.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_SCALES, type BenchScale } from "@/lib/db/seed/bench";
import type { IsoDate } from "@/lib/dates";
import { buildIfNeeded } from "../lib/serve";
import { benchDatabase, withDatabase } from "./database";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback);
const scale = arg("scale", "national") as BenchScale;
const runs = Number(arg("runs", "30"));
const minSeconds = Number(arg("min-seconds", "2"));
const seconds = Number(arg("seconds", "10"));
const importRows = Number(arg("import-rows", "60000"));
const skip = new Set(arg("skip", "").split(",").filter(Boolean));
const only = new Set(arg("scopes", "national,province,district").split(",").filter(Boolean));
const out = arg("out", path.join("bench", "results.json"));
if (!(scale in BENCH_SCALES) || [...only].some((s) => !["national", "province", "district"].includes(s)) || !(runs >= 1) || !(minSeconds >= 0) || !(seconds >= 1) || !(importRows >= 1)) {
  console.error("Cách dùng: npm run bench -- [--scale national|province|district] [--scopes national,province,district] [--runs 30] [--min-seconds 2] [--seconds 10] [--skip figures,http,nodes,import] [--import-rows 60000] [--out bench/results.json]");
  process.exit(2);
}

const db = await benchDatabase(scale);
process.env.DATABASE_URL = db.url;
process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const log = (s: string) => console.log(s);
let code = 0;
try {
  const meta = new pg.Client({ connectionString: db.url });
  await meta.connect().catch(() => {
    throw new Error(`Chưa có dữ liệu đo hiệu năng ${db.name}: chạy "npm run bench:data -- --scale ${scale}" trước.`);
  });
  const dataset = (await meta.query<{ value: unknown }>(`SELECT value FROM app_meta WHERE key = 'bench_data'`)).rows[0]?.value;
  await meta.end();
  if (!dataset) throw new Error(`${db.name} không phải dữ liệu đo hiệu năng: chạy "npm run bench:data -- --scale ${scale}".`);

  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
    dataset,
    startedAt: new Date().toISOString(),
    runs,
    minSeconds,
  };
  const scopes = [
    { label: "national", level: "NATION" as const, code: null, in: ["national"] },
    { label: "province", level: "PROVINCE" as const, code: "40", in: ["national", "province"] },
    { label: "district", level: "DISTRICT" as const, code: "417", in: ["national", "province", "district"] },
  ].filter((s) => s.in.includes(scale) && only.has(s.label));

  // build first: a build that fails (a type error) must not throw away the figures' minutes of measuring
  if (!skip.has("http")) buildIfNeeded(log);
  if (!skip.has("figures")) {
    const { benchFigures } = await import("./figures");
    log(`\n== figures (${runs} runs each, or as many as take ${minSeconds} s) ==`);
    results.figures = await benchFigures(db.url, { runs, minSeconds, scopes, pastDate: "2021-04-23" as IsoDate, log });
  }

  if (!skip.has("http")) {
    const { benchHttp } = await import("./serve");
    log(`\n== HTTP (${seconds} s per step) ==`);
    Object.assign(results, await benchHttp(db.url, { seconds, twoNodes: !skip.has("nodes"), log }));
  }
  if (!skip.has("import")) {
    const { benchImport } = await import("./import");
    log(`\n== import ==`);
    const importDb = { ...db, name: "congan_xa_bench_import", url: withDatabase(db.url, "congan_xa_bench_import") };
    results.import = await benchImport(importDb, importRows, log);
    log(JSON.stringify(results.import));
  }
  results.finishedAt = new Date().toISOString();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nĐã ghi ${out}`);
} catch (err) {
  console.error((err as Error).stack ?? String(err));
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
