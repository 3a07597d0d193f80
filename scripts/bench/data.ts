// npm run bench:data -- --scale national|province|district
// Builds the benchmark dataset (lib/db/seed/bench.ts) in its own database, from scratch: migrations, the
// real map, then the generated programme, in one transaction. Prints what it built and how long it took.
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { loadMap } from "@/lib/db/map";
import { BENCH_SCALES, generateBenchData, type BenchScale } from "@/lib/db/seed/bench";
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
    await client.query("ANALYZE");
    console.log(JSON.stringify(counts));
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
