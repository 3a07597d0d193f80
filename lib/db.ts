import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";

// The app's database clients, created on first use (next build imports this without a database). Per
// database (the primary, and the read replica when DATABASE_READ_URL names one): one pool shared by Prisma
// and the figures' hand-written statements (readRows), every statement planned for its values; and one
// pool for the PREPARED statements, run on their generic plans (ADR 0017).
type Connection = { url: string; pool: pg.Pool; preparedPool: pg.Pool; prisma: PrismaClient };
const g = globalThis as unknown as { dbPrimary?: Connection; dbRead?: Connection };

/**
 * Marks a statement to be prepared once per connection and run on its generic plan (ADR 0017): the figures
 * below the country, whose planning (~2–3 ms for the shared scope CTEs) cost more than running them
 * (~1 ms for a district). Only marked statements are named, and only they run on the prepared pool, whose
 * connections have plan_cache_mode = force_generic_plan — a setting that would give every parameterized
 * statement, named or not, a generic plan, so nothing else may run there. The text names the statement (a
 * hash), so a change of shape is a new statement, never a clash.
 */
export const PREPARED = "/* prepared */";

const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  if (!text.includes(PREPARED)) return undefined;
  let name = statementNames.get(text);
  if (!name) {
    name = `p${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function connect(url: string): Connection {
  // a bounded wait for a connection: when the pool is exhausted a request is told to try again
  // (lib/db/errors.ts) instead of hanging; an idle connection cut by a database restart is logged and
  // dropped (without a listener it would crash the process), and the pool opens a new one on the next request
  const config = { connectionString: url, max: env().DATABASE_POOL_MAX, connectionTimeoutMillis: env().DATABASE_POOL_TIMEOUT_MS };
  const pool = new pg.Pool(config);
  const preparedPool = new pg.Pool({ ...config, options: "-c plan_cache_mode=force_generic_plan" });
  for (const p of [pool, preparedPool]) p.on("error", (err) => console.warn(`database: idle connection lost (${err.message})`));
  return { url, pool, preparedPool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

async function close(c: Connection | undefined): Promise<void> {
  await c?.prisma.$disconnect();
  await c?.pool.end();
  await c?.preparedPool.end();
}

function primary(): Connection {
  const url = env().DATABASE_URL;
  if (g.dbPrimary?.url !== url) {
    void close(g.dbPrimary);
    g.dbPrimary = connect(url);
  }
  return g.dbPrimary;
}

/** The figures' reads go to the read replica named by DATABASE_READ_URL when set, else the primary. */
function reader(): Connection {
  const url = env().DATABASE_READ_URL;
  if (!url) return primary();
  if (g.dbRead?.url !== url) {
    void close(g.dbRead);
    g.dbRead = connect(url);
  }
  return g.dbRead;
}

/** Closes the app's connections (a script's end, a test that changes the database under the app). */
export async function disconnectDb(): Promise<void> {
  const [primaryConnection, readConnection] = [g.dbPrimary, g.dbRead];
  g.dbPrimary = g.dbRead = undefined;
  await close(primaryConnection);
  await close(readConnection);
}

export function getDb(): PrismaClient {
  return primary().prisma;
}

/**
 * The client for the figures' reads (dashboards, reports, exports, the read API): the read replica named by
 * DATABASE_READ_URL when set, else the primary. Never for a write, nor for a read that decides a write.
 */
export function getReadDb(): PrismaClient {
  return reader().prisma;
}

// The values Prisma's $queryRaw gives for the types pg would otherwise give differently (pg's own parsers
// give the same for int2/int4, bool, text, json, timestamptz and their arrays): bigint, numeric and the
// timestamps without a zone; a date is midnight UTC, as Prisma gives it.
const utcDate = (s: string) => new Date(`${s}T00:00:00Z`);
const utcTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
const textArray = pg.types.getTypeParser(1009 as never, "text") /* text[], not among pg's named types */ as (s: string) => (string | null)[];
const arrayOf = (parse: (s: string) => unknown) => (s: string) => textArray(s).map((x) => (x === null ? null : parse(x)));
const parsers: Record<number, (s: string) => unknown> = {
  20: (s) => BigInt(s),
  1700: (s) => new Prisma.Decimal(s),
  1082: utcDate,
  1114: utcTimestamp,
  1016: arrayOf((x) => BigInt(x)),
  1231: arrayOf((x) => new Prisma.Decimal(x)),
  1182: arrayOf(utcDate),
  1115: arrayOf(utcTimestamp),
};
const types = { getTypeParser: (oid: number, format?: string) => (format !== "binary" && parsers[oid]) || pg.types.getTypeParser(oid, format as "text") };

/**
 * Runs one read-only statement (a figure's hand-written SQL) straight on the read pool, without Prisma's
 * query engine: the rows are the same values $queryRaw gives (tests/integration/db-read.test.ts), for a
 * third of Prisma's cost on the small statements of a district (ADR 0017). PREPARED statements are
 * prepared once per connection of the prepared pool and run on their generic plans. `nestedLoops: false` runs the statement in its own read-only transaction
 * with nested loops switched off (SET LOCAL), for the statements that must hash every table.
 */
export async function readRows<T>(sql: Prisma.Sql, opts: { nestedLoops?: boolean } = {}): Promise<T[]> {
  const query = {
    name: statementName(sql.text),
    text: sql.text,
    values: sql.values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v)),
    types,
  };
  const pool = query.name ? reader().preparedPool : reader().pool;
  if (opts.nestedLoops !== false) return (await pool.query(query)).rows as T[];
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL enable_nestloop = off");
    const rows = (await client.query(query)).rows as T[];
    await client.query("COMMIT");
    return rows;
  } catch (err) {
    // a failed statement leaves the transaction aborted: roll it back, or drop a connection that cannot
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}

export { Prisma } from "@/lib/generated/prisma/client.ts";
