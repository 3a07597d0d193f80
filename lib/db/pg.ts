import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// A plain pg pool for bulk work (imports) that needs one connection and row-level savepoints.
const g = globalThis as unknown as { pgPool?: pg.Pool; pgPoolUrl?: string };

export async function withPgClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (!g.pgPool || g.pgPoolUrl !== url) {
    void g.pgPool?.end();
    g.pgPool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: env().DATABASE_POOL_TIMEOUT_MS });
    // without a listener, an idle connection cut by a database restart would crash the process
    g.pgPool.on("error", (err) => console.warn(`database (bulk pool): idle connection lost (${err.message})`));
    g.pgPoolUrl = url;
  }
  const client = await g.pgPool.connect();
  // a connection cut while checked out (a database restart) emits "error" outside any query: listen, and
  // hand the broken client back as broken so the pool closes it instead of lending it again
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
    console.warn(`database (bulk pool): connection lost (${err.message})`);
  };
  client.on("error", onError);
  try {
    return await fn(client);
  } catch (err) {
    broken ??= err instanceof Error && /terminat|Connection|ECONN/i.test(err.message) ? err : undefined;
    throw err;
  } finally {
    client.removeListener("error", onError);
    client.release(broken);
  }
}
