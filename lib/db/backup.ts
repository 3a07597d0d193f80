// Logical backup and restore of the app's database, in Node (ADR 0011): the embedded PostgreSQL ships no
// pg_dump, and Debian's pg_dump (15) refuses a PostgreSQL 18 server. A backup is one gzip file:
//
//   CAXBACKUP 1
//   {"createdAt":…,"migrations":[…],"tables":[{"name":…,"rows":…},…]}
//   \copy <table>            then the table in COPY text format, then a line "\."   (for each table)
//
// Every table is read in one REPEATABLE READ snapshot, so the file is consistent while the app keeps
// writing. The schema is not in the file: it is the migrations named in the header, which restore applies
// to an empty database before loading the rows, in foreign-key order, in one transaction.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { listMigrations, migrate } from "./migrate";

const MAGIC = "CAXBACKUP 1";
export type BackupManifest = { createdAt: string; migrations: string[]; tables: { name: string; rows: number }[] };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Base tables of the public schema, parents before children (foreign keys). */
async function tablesInOrder(client: pg.Client): Promise<string[]> {
  const tables = (await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname`)).rows.map((r) => r.name);
  const deps = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conrelid <> c.confrelid`,
  );
  const unq = (s: string) => s.replace(/^"|"$/g, "");
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const d of deps.rows) parents.get(unq(d.child))?.add(unq(d.parent));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t)) return;
    if (path.has(t)) throw new Error(`foreign keys form a cycle at ${t}`);
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    path.delete(t);
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Writes a backup of the database at `url` to `file`. */
export async function backupDatabase(url: string, file: string): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const names = await tablesInOrder(client);
    const tables: BackupManifest["tables"] = [];
    for (const name of names) tables.push({ name, rows: Number((await client.query(`SELECT count(*) AS n FROM ${ident(name)}`)).rows[0].n) });
    const migrations = (await client.query<{ name: string }>(`SELECT name FROM _app_migrations ORDER BY name`)).rows.map((r) => r.name);
    const manifest: BackupManifest = { createdAt: new Date().toISOString(), migrations, tables };

    const gzip = createGzip();
    const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
    const write = async (s: string | Buffer) => {
      if (!gzip.write(s)) await once(gzip, "drain");
    };
    await write(`${MAGIC}\n${JSON.stringify(manifest)}\n`);
    for (const { name } of tables) {
      await write(`\\copy ${name}\n`);
      const stream = client.query(copyTo(`COPY ${ident(name)} TO STDOUT`));
      for await (const chunk of stream) await write(chunk as Buffer);
      await write("\\.\n");
    }
    gzip.end();
    await done;
    await client.query("COMMIT");
    return manifest;
  } finally {
    await client.end();
  }
}

export class RestoreError extends Error {}

/**
 * Loads `file` into the database at `url`, which must have no tables of its own: the migrations of the
 * backup are applied, then every row is loaded in one transaction (all or nothing), sequences moved past
 * the loaded ids, and each table's row count checked against the header.
 */
export async function restoreDatabase(url: string, file: string): Promise<BackupManifest> {
  const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    return r.done ? null : r.value;
  };
  if ((await next()) !== MAGIC) throw new RestoreError("Tệp không phải bản sao lưu của hệ thống này.");
  const manifest = JSON.parse((await next()) ?? "null") as BackupManifest;
  const known = listMigrations().map((m) => m.name);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) throw new RestoreError(`Bản sao lưu từ phiên bản mới hơn của ứng dụng (migration ${unknown.join(", ")}); hãy cập nhật ứng dụng trước.`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`);
    if (existing.rows[0].n > 0) throw new RestoreError("Cơ sở dữ liệu đích đã có bảng; chỉ khôi phục vào cơ sở dữ liệu trống.");
  } catch (err) {
    await client.end();
    throw err;
  }
  // the COPY in progress, if any: on failure it is aborted (CopyFail) before the transaction is rolled back
  let active: ReturnType<typeof copyFrom> | null = null;
  try {
    // the schema as it was when the backup was made, then the newer migrations after the rows are in
    await migrate(url, { only: manifest.migrations });
    await client.query("BEGIN");
    // rows the migrations themselves put in (e.g. the data version) give way to the backup's; children first
    for (const t of (await tablesInOrder(client)).reverse()) {
      if (t === "_app_migrations") continue;
      if ((await client.query(`SELECT EXISTS (SELECT 1 FROM ${ident(t)}) AS e`)).rows[0].e) await client.query(`DELETE FROM ${ident(t)}`);
    }
    for (;;) {
      const header = await next();
      if (header === null) break;
      const m = /^\\copy (\w+)$/.exec(header);
      if (!m) throw new RestoreError("Tệp sao lưu bị hỏng (thiếu tiêu đề bảng).");
      const table = m[1]!;
      const skip = table === "_app_migrations";
      if (!skip) await client.query(`ALTER TABLE ${ident(table)} DISABLE TRIGGER USER`);
      const copy = skip ? null : client.query(copyFrom(`COPY ${ident(table)} FROM STDIN`));
      active = copy;
      copy?.on("error", () => {}); // surfaced by the writes and by "finish" below
      for (;;) {
        const line = await next();
        if (line === null) throw new RestoreError(`Tệp sao lưu bị cắt cụt ở bảng ${table}.`);
        if (line === "\\.") break;
        if (copy && !copy.write(`${line}\n`)) await Promise.race([once(copy, "drain"), once(copy, "error").then(([e]) => Promise.reject(e as Error))]);
      }
      if (copy) {
        copy.end();
        await once(copy, "finish");
        active = null;
        await client.query(`ALTER TABLE ${ident(table)} ENABLE TRIGGER USER`);
      }
    }
    for (const t of manifest.tables) {
      if (t.name === "_app_migrations") continue;
      const n = Number((await client.query(`SELECT count(*) AS n FROM ${ident(t.name)}`)).rows[0].n);
      if (n !== t.rows) throw new RestoreError(`Bảng ${t.name}: khôi phục ${n} dòng, bản sao lưu có ${t.rows}.`);
    }
    // sequences continue after the restored ids
    const seqs = await client.query<{ seq: string; tbl: string; col: string }>(
      `SELECT s.oid::regclass::text AS seq, t.relname AS tbl, a.attname AS col FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND t.relnamespace = 'public'::regnamespace`,
    );
    for (const s of seqs.rows) {
      await client.query(`SELECT setval($1::regclass, coalesce((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 1), (SELECT count(*) > 0 FROM ${ident(s.tbl)}))`, [s.seq]);
    }
    await client.query("COMMIT");
  } catch (err) {
    if (active && !active.destroyed) {
      const closed = once(active, "close").catch(() => {});
      active.destroy(new Error("restore aborted"));
      await closed;
    }
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  await migrate(url);
  return manifest;
}
