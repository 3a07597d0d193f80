import { readFileSync } from "node:fs";
import pg from "pg";
import { e2eDatabaseFile } from "./db-file";

/** The database of the server under test: E2E_DATABASE_URL, or the one scripts/e2e-server.ts created. */
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  return readFileSync(e2eDatabaseFile(Number(process.env.E2E_PORT ?? 3100)), "utf8").trim();
}

export async function withE2eDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
