// npm run db:seed [-- --force] — loads the real map and the demo data (idempotent).
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed/demo";
import { resolveDatabase } from "./lib/database";

const force = process.argv.includes("--force");
const db = await resolveDatabase();
const client = new pg.Client({ connectionString: db.url });
try {
  await migrate(db.url);
  await client.connect();
  const started = Date.now();
  const result = await seedDemo(client, { force, log: (s) => console.log(s) });
  console.log(
    result.seeded
      ? `Đã nạp dữ liệu mẫu: ${result.officers} cán bộ, ${result.assignments} lượt bố trí (${((Date.now() - started) / 1000).toFixed(1)} s).`
      : `Bỏ qua: ${result.reason}.`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await db.stop();
}
