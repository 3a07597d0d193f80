import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// A plain pg pool for bulk work (imports) that needs one connection and row-level savepoints.
const g = globalThis as unknown as { pgPool?: pg.Pool; pgPoolUrl?: string };

export async function withPgClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (!g.pgPool || g.pgPoolUrl !== url) {
    void g.pgPool?.end();
    g.pgPool = new pg.Pool({ connectionString: url, max: 4 });
    g.pgPoolUrl = url;
  }
  const client = await g.pgPool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}
