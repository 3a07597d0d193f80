// The migration runner (`npm run db:migrate`). Prisma's own `migrate` needs a native engine that
// cannot run here (docs/decisions/0001-plain-sql-migrations.md), so we apply Prisma's layout ourselves:
// prisma/migrations/<timestamp>_<name>/migration.sql, in name order, each in its own transaction,
// under an advisory lock, recorded in _app_migrations with a checksum so none ever runs twice.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 725_019_2019; // any constant shared by every runner of this app

export type MigrationFile = { name: string; sql: string; checksum: string };

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(
  connectionString: string,
  /** only: apply just these (a restore rebuilds the schema a backup was made with) */
  opts: { dir?: string; log?: (line: string) => void; only?: readonly string[] } = {},
): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_app_migrations" (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map<string, string>(
      (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_app_migrations"`)).rows.map(
        (r) => [r.name, r.checksum],
      ),
    );
    for (const m of listMigrations(opts.dir)) {
      if (opts.only && !opts.only.includes(m.name)) continue;
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new Error(
            `Migration ${m.name} đã chạy nhưng tệp đã bị sửa sau đó (checksum khác). Hãy tạo migration mới thay vì sửa migration cũ.`,
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_app_migrations"(name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} thất bại: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
      log(`applied ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}
