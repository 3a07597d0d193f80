// Gives a test file its own database, copied from a template built once per run (global-setup.ts),
// and points the app's code (lib/env, lib/db) at it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { disconnectDb } from "@/lib/db";

export type TestDatabase = { url: string; client: () => pg.Client };

export function withTestDatabase(template: "tmpl_empty" | "tmpl_demo"): TestDatabase {
  const adminUrl = inject("adminUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  let client: pg.Client | undefined;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= "test-secret-at-least-16-chars";
    resetEnvForTests();
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await disconnectDb();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  return {
    url,
    client: () => {
      if (!client) throw new Error("database not ready: call inside a test or hook");
      return client;
    },
  };
}
