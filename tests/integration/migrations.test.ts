// The migration runner: ordered, one transaction each, recorded so nothing runs twice, refusing edited
// migrations, and leaving nothing behind when a migration fails.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_empty");

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migration runner", () => {
  it("the project's migrations are already applied to a migrated database and are not applied again", async () => {
    expect(await migrate(db.url)).toEqual([]);
    const rows = await db.client().query(`SELECT name FROM "_app_migrations" ORDER BY name`);
    expect(rows.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it("applies new migrations in name order, once", async () => {
    const dir = migrationsDir({
      "20990101000002_second": `INSERT INTO t_order(v) VALUES ('second');`,
      "20990101000001_first": `CREATE TABLE t_order(v text); INSERT INTO t_order(v) VALUES ('first');`,
    });
    expect(await migrate(db.url, { dir })).toEqual(["20990101000001_first", "20990101000002_second"]);
    expect(await migrate(db.url, { dir })).toEqual([]);
    const rows = await db.client().query(`SELECT v FROM t_order`);
    expect(rows.rows.map((r) => r.v)).toEqual(["first", "second"]);
  });

  it("rolls back a failing migration completely and records nothing for it", async () => {
    const dir = migrationsDir({
      "20990201000001_half": `CREATE TABLE t_half(v int); INSERT INTO t_half VALUES (1); SELECT 1/0;`,
    });
    await expect(migrate(db.url, { dir })).rejects.toThrow(/20990201000001_half thất bại/);
    const table = await db.client().query(`SELECT to_regclass('t_half') AS t`);
    expect(table.rows[0].t).toBeNull();
    const rec = await db.client().query(`SELECT 1 FROM "_app_migrations" WHERE name = '20990201000001_half'`);
    expect(rec.rowCount).toBe(0);
  });

  it("refuses to continue when an applied migration was edited afterwards", async () => {
    const dir = migrationsDir({ "20990301000001_edit": `CREATE TABLE t_edit(v int);` });
    await migrate(db.url, { dir });
    writeFileSync(path.join(dir, "20990301000001_edit", "migration.sql"), `CREATE TABLE t_edit(v bigint);`);
    await expect(migrate(db.url, { dir })).rejects.toThrow(/checksum/);
  });

  it("two runners at once apply each migration exactly once (advisory lock)", async () => {
    const dir = migrationsDir({ "20990401000001_race": `CREATE TABLE t_race(v int); SELECT pg_sleep(0.3);` });
    const results = await Promise.all([migrate(db.url, { dir }), migrate(db.url, { dir })]);
    expect(results.flat()).toEqual(["20990401000001_race"]);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const n = await c.query(`SELECT count(*)::int AS n FROM "_app_migrations" WHERE name = '20990401000001_race'`);
    await c.end();
    expect(n.rows[0].n).toBe(1);
  });
});
