// npm run db:restore -- <file> [--replace]
// Restores a backup into a new database next to the app's one (congan_xa_restore_<time>) and checks every
// table's row count. With --replace, and only when that succeeded, the new database takes the app's name;
// the previous one is kept as congan_xa_before_restore_<time>. Stop the app first.
import { existsSync } from "node:fs";
import pg from "pg";
import { restoreDatabase } from "@/lib/db/backup";
import { ensureDatabase } from "@/lib/db/embedded";
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const replace = args.includes("--replace");
if (!file || !existsSync(file)) {
  console.error("Cách dùng: npm run db:restore -- <tệp sao lưu> [--replace]");
  process.exit(2);
}
const db = await resolveDatabase();
const target = new URL(db.url);
const appName = decodeURIComponent(target.pathname.slice(1));
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "_");
const restoreName = `${appName}_restore_${stamp}`;
const admin = new URL(db.url);
admin.pathname = "/postgres";
try {
  await ensureDatabase(admin.toString(), restoreName);
  const into = new URL(db.url);
  into.pathname = `/${restoreName}`;
  const m = await restoreDatabase(into.toString(), file);
  console.log(`Đã khôi phục ${m.tables.length} bảng (bản sao lưu lúc ${new Date(m.createdAt).toLocaleString("vi-VN")}) vào cơ sở dữ liệu ${restoreName}.`);
  if (replace) {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    try {
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [appName]);
      await c.query(`ALTER DATABASE "${appName}" RENAME TO "${appName}_before_restore_${stamp}"`);
      await c.query(`ALTER DATABASE "${restoreName}" RENAME TO "${appName}"`);
    } finally {
      await c.end();
    }
    console.log(`Cơ sở dữ liệu ${appName} giờ là bản khôi phục; bản cũ giữ tên ${appName}_before_restore_${stamp}.`);
  } else {
    console.log(`Để dùng: đặt DATABASE_URL trỏ tới ${restoreName}, hoặc chạy lại với --replace.`);
  }
} catch (err) {
  console.error(`Khôi phục thất bại, cơ sở dữ liệu của ứng dụng không bị đổi: ${(err as Error).message}`);
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${restoreName}" WITH (FORCE)`).catch(() => {});
  await c.end();
  process.exitCode = 1;
} finally {
  await db.stop();
}
