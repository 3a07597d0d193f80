// Backup and restore (npm run db:backup / db:restore) against real databases: a backup of the demo data,
// restored into a fresh database, has every table with the same rows and gives the same national figures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { setFigureCache } from "@/lib/cache/figures";
import { getCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { backupDatabase, restoreDatabase } from "@/lib/db/backup";
import { resetEnvForTests } from "@/lib/env";
import { withTestDatabase } from "../support/db";
import { ministry } from "../support/viewers";
import { disconnectDb } from "@/lib/db";

const db = withTestDatabase("tmpl_demo");
const dir = mkdtempSync(path.join(os.tmpdir(), "cax-backup-"));
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  const name = `t_restore_${Math.random().toString(16).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  created.push(name);
  const u = new URL(inject("adminUrl"));
  u.pathname = `/${name}`;
  return u.toString();
}

/** Row count and a checksum of every row, per table. */
async function fingerprint(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname <> '_app_migrations' ORDER BY 1`)).rows.map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await c.query(`SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
      out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
    }
    return out;
  } finally {
    await c.end();
  }
}

async function nationalFigures() {
  await disconnectDb();
  resetEnvForTests();
  const c = await getCoverage(ministry, null, "2026-11-20" as IsoDate);
  return { total: c.total, children: c.children };
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  for (const n of created) await admin.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
  await admin.end();
});

describe("backup and restore", () => {
  it("restores every table row for row, sequences continue, and the national figures are the same", async () => {
    setFigureCache(false);
    const file = path.join(dir, "demo.caxbak.gz");
    const manifest = await backupDatabase(db.url, file);
    expect(manifest.tables.find((t) => t.name === "assignment")!.rows).toBeGreaterThan(1000);
    const before = await fingerprint(db.url);
    const figuresBefore = await nationalFigures();
    expect(figuresBefore.total.staffed).toBeGreaterThan(8000);
    expect(figuresBefore.children).toHaveLength(63);

    const target = await emptyDatabase();
    await restoreDatabase(target, file);
    expect(await fingerprint(target)).toEqual(before);

    const original = process.env.DATABASE_URL;
    process.env.DATABASE_URL = target;
    try {
      expect(await nationalFigures()).toEqual(figuresBefore);
    } finally {
      process.env.DATABASE_URL = original;
      await nationalFigures();
    }
    // new rows get new ids after the restored ones
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    const max = (await c.query(`SELECT max(id) AS m FROM officer`)).rows[0].m;
    const made = await c.query(`INSERT INTO officer (officer_number, full_name, rank, gender) VALUES ('BK0001', 'Sau Khôi Phục', 'THIEU_UY', 'MALE') RETURNING id`);
    expect(made.rows[0].id).toBeGreaterThan(max);
    await c.end();
  });

  it("refuses a truncated file and leaves no rows behind", async () => {
    const file = path.join(dir, "demo.caxbak.gz");
    const text = gunzipSync(readFileSync(file)).toString("utf8");
    const cut = path.join(dir, "cut.caxbak.gz");
    writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length * 0.6))));
    const target = await emptyDatabase();
    await expect(restoreDatabase(target, cut)).rejects.toThrow(/cắt cụt|hỏng/);
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    expect((await c.query(`SELECT count(*)::int AS n FROM unit`)).rows[0].n).toBe(0);
    await c.end();
  });

  it("refuses to restore over a database that has tables", async () => {
    await expect(restoreDatabase(db.url, path.join(dir, "demo.caxbak.gz"))).rejects.toThrow(/trống/);
  });
});
