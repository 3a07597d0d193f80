// npm start — the app at http://localhost:3000 on the embedded PostgreSQL (data in .data/), migrated and
// seeded with the demo data on first run. With DATABASE_URL set, that PostgreSQL is used instead (and is
// only seeded when it holds no administrative units yet). `npm run dev` does the same with `next dev`.
import pg from "pg";
import { mapIsLoaded } from "@/lib/db/map";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed/demo";
import { DATA_DIR, resolveDatabase } from "./lib/database";
import { buildIfNeeded, localSecret, runNext } from "./lib/serve";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const db = await resolveDatabase();
let exitCode = 0;
try {
  await migrate(db.url, { log: (s) => console.log(`Migration: ${s}`) });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    if (!(await mapIsLoaded(client)) && process.env.SEED_DEMO !== "false") {
      console.log("Cơ sở dữ liệu mới: nạp bản đồ hành chính và dữ liệu mẫu…");
      const r = await seedDemo(client);
      if (r.seeded) console.log(`Đã nạp ${r.officers} cán bộ mẫu.`);
    } else if ((await client.query(`SELECT 1 FROM app_meta WHERE key = 'demo_seed'`)).rowCount) {
      // a demo installation from an earlier version: add what later versions of the demo data bring (each part
      // in its own transaction; one that does not fit data entered since is skipped, and the app still starts)
      await seedDemo(client).catch((err: Error) => console.warn(`Cảnh báo: không bổ sung được dữ liệu mẫu mới: ${err.message}`));
    }
  } finally {
    await client.end();
  }
  if (!process.env.NEXTAUTH_SECRET) {
    if (!db.embedded) console.warn("Cảnh báo: chưa đặt NEXTAUTH_SECRET; dùng khóa cục bộ trong .data/ (không dùng cho môi trường thật).");
    process.env.NEXTAUTH_SECRET = localSecret(DATA_DIR);
  }
  if (!dev) buildIfNeeded();
  console.log(`Ứng dụng chạy tại http://localhost:${port}`);
  exitCode = await runNext({
    mode: dev ? "dev" : "start",
    port,
    env: { DATABASE_URL: db.url, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` },
  });
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await db.stop();
}
process.exit(exitCode);
