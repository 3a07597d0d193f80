// Viewers for data-function tests, resolved from real rows so scope checks run against the database.
import type pg from "pg";
import type { Viewer } from "@/lib/auth/session";

export const ministry: Viewer = { id: -1, username: "t.ministry", displayName: "Bộ", role: "MINISTRY", unitId: null, unitCode: null };

export async function unitId(client: pg.Client, code: string): Promise<number> {
  const r = await client.query<{ id: number }>(`SELECT id FROM unit WHERE code = $1 ORDER BY valid_from DESC NULLS LAST LIMIT 1`, [code]);
  if (!r.rows[0]) throw new Error(`no unit ${code}`);
  return r.rows[0].id;
}

export async function viewerOf(client: pg.Client, role: "DISTRICT" | "PROVINCE", code: string): Promise<Viewer> {
  return { id: -2, username: `t.${code}`, displayName: code, role, unitId: await unitId(client, code), unitCode: code };
}
