// Starts one real PostgreSQL for the whole run (embedded, or the server of DATABASE_URL) and builds the
// template databases each test file copies: `tmpl_empty` (migrated) and `tmpl_demo` (map + demo data).
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/db/seed/demo";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
  }
}

async function dropIfExists(adminUrl: string, name: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "congan-test-pg-"));
    chmodSync(dir, 0o755); // the postgres user must be able to enter it
    const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: false, fast: true });
    adminUrl = server.url();
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const urlFor = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  for (const name of ["tmpl_empty", "tmpl_demo"]) {
    await dropIfExists(adminUrl, name);
    await ensureDatabase(adminUrl, name);
    await migrate(urlFor(name));
  }
  const client = new pg.Client({ connectionString: urlFor("tmpl_demo") });
  await client.connect();
  await seedDemo(client, { throughReform: false }); // the tests are written on the eve of the 2025 reform (lib/db/seed/demo.ts)
  await client.end();

  project.provide("adminUrl", adminUrl);
  return async () => {
    for (const name of ["tmpl_empty", "tmpl_demo"]) await dropIfExists(adminUrl, name).catch(() => {});
    await stop();
  };
}
