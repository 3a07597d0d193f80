// Where the app's database is: DATABASE_URL when set, otherwise the embedded PostgreSQL kept under
// .data/ (started here, stopped by the caller).
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";

export const DATA_DIR = path.join(process.cwd(), ".data");
const APP_DB = "congan_xa";

export type ResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function resolveDatabase(log: (s: string) => void = console.log): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };
  log("Khởi động PostgreSQL nhúng (dữ liệu trong .data/pg)…");
  const pg = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, "pg"), persistent: true, preferredPort: 54329 });
  await ensureDatabase(pg.url(), APP_DB);
  return { url: pg.url(APP_DB), embedded: true, stop: () => pg.stop() };
}
