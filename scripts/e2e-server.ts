// The server the Playwright suite runs against: a fresh database (a throw-away embedded PostgreSQL, or a
// new database on DATABASE_URL's server), migrated and seeded, then `next start` on E2E_PORT.
// Playwright starts web servers before globalSetup, so this command must bring up the database itself.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed/demo";
import { E2E_NEXTAUTH_SECRET, e2eDatabaseFile, e2eServerPidFile } from "../tests/e2e/support/db-file";
import { runNext } from "./lib/serve";

const port = Number(process.env.E2E_PORT ?? 3100);
let url: string;
let stop = async () => {};
// The database fault test (tests/e2e/db-restart.spec.ts) sends SIGUSR2: the embedded cluster is restarted
// (fast shutdown: every connection cut), or, on a server of DATABASE_URL's that is not ours to restart,
// every connection to the e2e database is terminated. `next start` is left alone.
let fault = async () => {};
if (process.env.DATABASE_URL) {
  const name = `congan_e2e_${Date.now()}`;
  await ensureDatabase(process.env.DATABASE_URL, name);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  url = u.toString();
  fault = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    await c.end();
  };
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "congan-e2e-pg-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: true, fast: true }); // persistent: restart() keeps the data; stop() below deletes it
  await ensureDatabase(server.url(), "congan_e2e");
  url = server.url("congan_e2e");
  fault = () => server.restart();
  stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
await migrate(url);
// The authorization matrix and the fault tests read and arrange rows directly (tests/e2e/support/db.ts).
writeFileSync(e2eDatabaseFile(port), url, { mode: 0o600 });
writeFileSync(e2eServerPidFile(port), String(process.pid));
process.on("SIGUSR2", () => {
  const started = Date.now();
  fault().then(
    () => console.log(`e2e-server: database fault done in ${Date.now() - started} ms`),
    (err: unknown) => console.error("e2e-server: database fault failed", err),
  );
});
const client = new pg.Client({ connectionString: url });
await client.connect();
// the demo on the eve of the 2025 reform: the browser tests work on the three-level map, and the last project
// (reform) records the reform from the admin page, which brings the database to what `npm start` seeds
await seedDemo(client, { throughReform: false });
await client.end();
const code = await runNext({
  mode: "start",
  port,
  env: { DATABASE_URL: url, NEXTAUTH_URL: `http://localhost:${port}`, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET },
});
rmSync(e2eServerPidFile(port), { force: true });
await stop();
process.exit(code);
