// npm run bench:table [-- bench/results.json] — prints the tables of BENCHMARKS.md from a results file, so
// the numbers in the document are the measured ones.
import { readFileSync } from "node:fs";
import type { FigureResult } from "./figures";
import type { LoadResult } from "./http";

const file = process.argv[2] ?? "bench/results.json";
const r = JSON.parse(readFileSync(file, "utf8")) as {
  machine: Record<string, unknown>;
  dataset: Record<string, unknown>;
  runs: number;
  minSeconds?: number;
  figures?: FigureResult[];
  http?: LoadResult[];
  firstRequest?: Record<string, number>;
  xlsxNationalCommunes?: { p50: number; max: number };
  peakRssMb?: number;
  twoNodes?: { load: LoadResult; identicalBeforeWrite: boolean; identicalAfterWrite: boolean; changedByWrite: boolean };
  import?: { rows: number; seconds: number; peakRssMb: number };
};
const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: x < 10 ? 2 : 1 });

console.log(`Machine: ${JSON.stringify(r.machine)}\nDataset: ${JSON.stringify(r.dataset)}\n`);
if (r.figures) {
  const rounds = r.minSeconds ? `${r.runs} runs each, or as many as take ${r.minSeconds} s` : `${r.runs} runs each`;
  console.log(`### Figures (${rounds}; milliseconds)\n`);
  // the floor is the faster of the two ways to run it (planned each time, prepared once); both are shown
  console.log("| figure | scope | as of | computed p50 | computed p95 | floor p50 (planned · prepared) | computed ÷ floor | served p50 | served p95 |");
  console.log("|---|---|---|--:|--:|--:|--:|--:|--:|");
  for (const f of r.figures) {
    const both = f.floorBoth ? ` (${n(f.floorBoth.planned.p50)} · ${n(f.floorBoth.prepared.p50)})` : "";
    console.log(`| ${f.figure} | ${f.scope} | ${f.asOf} | ${n(f.computed.p50)} | ${n(f.computed.p95)} | ${n(f.floor.p50)}${both} | ${f.ratio}× | ${n(f.served.p50)} | ${n(f.served.p95)} |`);
  }
  console.log();
}
if (r.http) {
  console.log("### HTTP (loopback, autocannon; milliseconds)\n");
  console.log("| target | nodes | clients | req/s | p50 | p95 | p99 | errors | peak RSS MB | busy after |");
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const h of [...r.http, ...(r.twoNodes ? [r.twoNodes.load] : [])]) {
    console.log(`| ${h.target} | ${h.nodes} | ${h.connections} | ${n(h.rps)} | ${n(h.p50)} | ${n(h.p95)} | ${n(h.p99)} | ${h.errors + h.non2xx} | ${h.peakRssMb} | ${h.busyAfterMs === undefined ? "" : n(h.busyAfterMs)} |`);
  }
  console.log();
  if (r.firstRequest) console.log(`First request on an empty figure cache: ${Object.entries(r.firstRequest).map(([k, v]) => `${k} ${n(v)} ms`).join("; ")}\n`);
  if (r.xlsxNationalCommunes) console.log(`National commune-level XLSX (every commune of the country, 10,599 rows): p50 ${n(r.xlsxNationalCommunes.p50)} ms, max ${n(r.xlsxNationalCommunes.max)} ms\n`);
  if (r.twoNodes) console.log(`Two nodes: identical figures before a write ${r.twoNodes.identicalBeforeWrite}, after ${r.twoNodes.identicalAfterWrite}; the write was seen by both ${r.twoNodes.changedByWrite}\n`);
}
if (r.import) console.log(`Import: ${n(r.import.rows)} rows in ${n(r.import.seconds)} s, peak RSS ${r.import.peakRssMb} MB\n`);
