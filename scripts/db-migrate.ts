// npm run db:migrate — applies prisma/migrations/*/migration.sql that have not run yet.
import { migrate } from "@/lib/db/migrate";
import { resolveDatabase } from "./lib/database";

const db = await resolveDatabase();
try {
  const applied = await migrate(db.url, { log: (s) => console.log(s) });
  console.log(applied.length ? `Đã áp dụng ${applied.length} migration.` : "Cơ sở dữ liệu đã ở phiên bản mới nhất.");
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.stop();
}
