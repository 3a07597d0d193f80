// Where a benchmark dataset lives: a database of its own, `congan_xa_bench_<scale>`, on the app's PostgreSQL
// server (DATABASE_URL's, or the embedded one under .data/) — or BENCH_DATABASE_URL when set. The app's own
// database is never touched.
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import type { BenchScale } from "@/lib/db/seed/bench";
import { DATA_DIR } from "../lib/database";

export type BenchDatabase = { url: string; name: string; adminUrl: string; stop: () => Promise<void> };

/** The same server's URL for another database. */
export const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function benchDatabase(scale: BenchScale): Promise<BenchDatabase> {
  const explicit = process.env.BENCH_DATABASE_URL;
  if (explicit) {
    const name = decodeURIComponent(new URL(explicit).pathname.slice(1));
    return { url: explicit, name, adminUrl: withDatabase(explicit, "postgres"), stop: async () => {} };
  }
  const name = `congan_xa_bench_${scale}`;
  const server = process.env.DATABASE_URL;
  if (server) return { url: withDatabase(server, name), name, adminUrl: withDatabase(server, "postgres"), stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, "pg"), persistent: true, preferredPort: 54329 });
  return { url: embedded.url(name), name, adminUrl: embedded.url(), stop: () => embedded.stop() };
}

/** Drops and creates the dataset's database (only one whose name says it is a benchmark database). */
export async function recreateDatabase(db: BenchDatabase): Promise<void> {
  if (!db.name.startsWith("congan_xa_bench")) {
    throw new Error(`Không xóa cơ sở dữ liệu "${db.name}": chỉ tạo lại cơ sở dữ liệu có tên bắt đầu bằng congan_xa_bench.`);
  }
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabase(db.adminUrl, db.name);
}
