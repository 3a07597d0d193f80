// npm run bench:data -- --scale national|province|district [--through-reform]
// Builds the benchmark dataset (lib/db/seed/bench.ts) in its own database, from scratch: migrations, the
// real map, then the generated programme, in one transaction. Prints what it built and how long it took.
// --through-reform: then brings the map to 01/03/2025 (the 2023–2025 mergers, with the demo's invented mapping)
// and records the 1 July 2025 reform on it, as `npm run units:reform` does, timing each and checking idempotence.
import path from "node:path";
import pg from "pg";
import type { IsoDate } from "@/lib/dates";
import { migrate } from "@/lib/db/migrate";
import { loadMap } from "@/lib/db/map";
import { BENCH_SCALES, generateBenchData, type BenchScale } from "@/lib/db/seed/bench";
import { seedDemoMapState } from "@/lib/db/seed/demo";
import { applyReform } from "@/lib/units/reform";
import { parseReformFiles, readReformFiles, REFORM_2025 } from "@/lib/units/reform-files";
import { benchDatabase, recreateDatabase } from "./database";

const args = process.argv.slice(2);
const scale = (args[args.indexOf("--scale") + 1] ?? "") as BenchScale;
if (!args.includes("--scale") || !(scale in BENCH_SCALES)) {
  console.error("Cách dùng: npm run bench:data -- --scale national|province|district");
  process.exit(2);
}

const db = await benchDatabase(scale);
let code = 0;
try {
  const started = Date.now();
  await recreateDatabase(db);
  await migrate(db.url, { log: () => {} });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const map = await loadMap(client); // its own transaction
    console.log(`Bản đồ hành chính: ${map.units} đơn vị`);
    await client.query("BEGIN");
    const counts = await generateBenchData(client, scale, (s) => console.log(s));
    await client.query("COMMIT");
    // as autovacuum leaves a database in service: statistics, and the visibility map without which an
    // index-only scan of the freshly loaded tables would still read every row from the heap
    await client.query("VACUUM (ANALYZE)");
    console.log(JSON.stringify(counts));
    if (args.includes("--through-reform")) {
      let t = Date.now();
      await client.query("BEGIN");
      await seedDemoMapState(client);
      await client.query("COMMIT");
      console.log(`Bản đồ 01/03/2025 (sáp nhập 2023–2025): ${((Date.now() - t) / 1000).toFixed(1)} s`);
      // every figure before the reform must read the same after it: the national coverage, by province and by
      // commune, on dates of the rollout and on the eve, computed by the app's own code
      process.env.DATABASE_URL = db.url;
      process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
      (await import("@/lib/cache/figures")).setFigureCache(false);
      const { computeCoverage } = await import("@/lib/coverage/queries");
      const d = (x: string) => x as IsoDate;
      const DATES = ["2019-12-31", "2021-04-23", "2025-03-01", "2025-06-30"].map((x) => d(x));
      const figures = async () => {
        const out: string[] = [];
        for (const date of DATES) out.push(JSON.stringify([await computeCoverage(null, date), await computeCoverage(null, date, "commune")]));
        return out;
      };
      const before = await figures();
      const input = parseReformFiles(readReformFiles(path.join(process.cwd(), "prisma", "data")), REFORM_2025.name, REFORM_2025.effectiveOn);
      t = Date.now();
      const r = await applyReform(client, input);
      console.log(`${REFORM_2025.name}: ${r.status} trong ${((Date.now() - t) / 1000).toFixed(1)} s — ${JSON.stringify({ communes: r.summary.communes, assignments: r.summary.assignments })}`);
      t = Date.now();
      const again = await applyReform(client, input);
      console.log(`Ghi lại lần nữa: ${again.status} trong ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const serving = async (date: string) =>
        (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignment WHERE start_date <= $1 AND (end_date IS NULL OR end_date > $1)`, [date])).rows[0]!.n;
      console.log(`Cán bộ đang công tác 30/06/2025: ${await serving("2025-06-30")}; 01/07/2025: ${await serving("2025-07-01")}`);
      await client.query("ANALYZE");
      const after = await figures();
      const changed = DATES.filter((_, i) => before[i] !== after[i]);
      if (changed.length) throw new Error(`Số liệu trước cải cách đã thay đổi vào ngày: ${changed.join(", ")}`);
      console.log(`Độ bao phủ toàn quốc (theo tỉnh và theo xã) ngày ${DATES.join(", ")}: giống hệt trước khi ghi cải cách`);
      const day = await computeCoverage(null, d("2025-07-01"));
      console.log(`01/07/2025: ${day.children.length} tỉnh, ${day.total.officers} cán bộ`);
    }
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  console.log(`Đã tạo ${db.name} trong ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error((err as Error).stack ?? String(err));
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
