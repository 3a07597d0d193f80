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
import { E2E_NEXTAUTH_SECRET, e2eDatabaseFile } from "../tests/e2e/support/db-file";
import { runNext } from "./lib/serve";

const port = Number(process.env.E2E_PORT ?? 3100);
let url: string;
let stop = async () => {};
if (process.env.DATABASE_URL) {
  const name = `congan_e2e_${Date.now()}`;
  await ensureDatabase(process.env.DATABASE_URL, name);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  url = u.toString();
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "congan-e2e-pg-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false, fast: true });
  await ensureDatabase(server.url(), "congan_e2e");
  url = server.url("congan_e2e");
  stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
await migrate(url);
// The authorization matrix and the fault tests read and arrange rows directly (tests/e2e/support/db.ts).
writeFileSync(e2eDatabaseFile(port), url, { mode: 0o600 });
const client = new pg.Client({ connectionString: url });
await client.connect();
await seedDemo(client);
await client.end();
const code = await runNext({
  mode: "start",
  port,
  env: { DATABASE_URL: url, NEXTAUTH_URL: `http://localhost:${port}`, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET },
});
await stop();
process.exit(code);
