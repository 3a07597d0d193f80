// npm run db:backup [-- <file>] — a consistent backup of the app's database (DATABASE_URL, or the embedded
// PostgreSQL under .data/) into one gzip file; see lib/db/backup.ts and docs/deployment.md.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "@/lib/db/backup";
import { resolveDatabase } from "./lib/database";

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
const file = path.resolve(process.argv[2] ?? path.join("backups", `congan_xa-${stamp}.caxbak.gz`));
mkdirSync(path.dirname(file), { recursive: true });
const db = await resolveDatabase();
try {
  const started = Date.now();
  const m = await backupDatabase(db.url, file);
  const rows = m.tables.reduce((s, t) => s + t.rows, 0);
  console.log(`Đã sao lưu ${m.tables.length} bảng, ${rows.toLocaleString("vi-VN")} dòng vào ${file} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
} catch (err) {
  console.error(`Sao lưu thất bại: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.stop();
}
