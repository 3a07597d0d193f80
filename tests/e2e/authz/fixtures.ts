// The rows the authorization matrix points at, found (or, where the demo data has none, added) in the
// database of the server under test. Three places: Kỳ Sơn (inside the district and province users'
// reach), Quỳnh Lưu (same province, another district) and Kon Tum (another province).
import { createHash } from "node:crypto";
import type pg from "pg";
import { DEMO_PASSWORD } from "../helpers";

export type PlaceKey = "kyson" | "quynhluu" | "kontum";

export type Place = {
  districtCode: string;
  communeId: number;
  communeCode: string;
  officerId: number;
  assignmentId: number;
  cellId: number;
  membershipId: number;
  returnId: number;
  targetId: number;
  /** an account to probe user management with: in Kỳ Sơn one made for the matrix, elsewhere a demo account */
  userId: number;
  /** a placement left for review by a reform, on the place's assignment */
  placementId: number;
};

export type Fixtures = {
  places: Record<PlaceKey, Place>;
  /** a criteria set that applies to Nghệ An's communes */
  setId: number;
  /** per user: the secret of an API token they own, and the id of it */
  tokens: Record<string, { secret: string; id: number }>;
  /** per user: the id of a second token, made to be revoked */
  spareTokens: Record<string, number>;
};

const ROOTS: Record<PlaceKey, string> = { kyson: "417", quynhluu: "421", kontum: "62" };

/** A commune under `root` today that has an open assignment, an active Party cell and an open committee membership. */
async function findPlace(client: pg.Client, root: string): Promise<Omit<Place, "returnId" | "targetId" | "userId" | "placementId">> {
  const r = await client.query<Omit<Place, "returnId" | "targetId" | "userId" | "placementId">>(
    `WITH RECURSIVE sub(id) AS (
       SELECT id FROM unit WHERE code = $1
       UNION ALL
       SELECT v.unit_id FROM unit_version v JOIN sub ON v.parent_id = sub.id
        WHERE (v.valid_to IS NULL OR v.valid_to > CURRENT_DATE)
     )
     SELECT c.id AS "communeId", c.code AS "communeCode", a.officer_id AS "officerId", a.id AS "assignmentId",
            pcc.cell_id AS "cellId", m.id AS "membershipId",
            (SELECT d.code FROM unit d WHERE d.code = $1) AS "districtCode"
       FROM sub JOIN unit c ON c.id = sub.id AND c.level = 'COMMUNE'
       JOIN assignment a ON a.commune_id = c.id AND a.end_date IS NULL
       JOIN party_cell_commune pcc ON pcc.commune_id = c.id
       JOIN party_cell pc ON pc.id = pcc.cell_id AND pc.dissolved_on IS NULL
       JOIN committee_membership m ON m.commune_id = c.id AND m.end_date IS NULL
      ORDER BY c.code, a.id LIMIT 1`,
    [root],
  );
  if (!r.rows[0]) throw new Error(`the demo data has no staffed commune with a Party cell under ${root}`);
  return r.rows[0];
}

/** A placement for review (reform_placement) on the place's assignment, recorded against the earliest reform. */
async function ensurePlacement(client: pg.Client, assignmentId: number, communeId: number): Promise<number> {
  await client.query(
    `INSERT INTO reform_placement (reform_id, assignment_id, predecessor_id, reason)
     SELECT id, $1, $2, 'CHIEF' FROM unit_reform ORDER BY effective_on, id LIMIT 1
     ON CONFLICT (assignment_id) DO NOTHING`,
    [assignmentId, communeId],
  );
  const r = await client.query<{ id: number }>(`SELECT id FROM reform_placement WHERE assignment_id = $1`, [assignmentId]);
  if (!r.rows[0]) throw new Error("the demo data has no recorded reform to hang a placement on");
  return r.rows[0].id;
}

async function ensureReturn(client: pg.Client, communeId: number): Promise<number> {
  const found = await client.query<{ id: number }>(`SELECT id FROM monthly_return WHERE commune_id = $1 ORDER BY month DESC LIMIT 1`, [communeId]);
  if (found.rows[0]) return found.rows[0].id;
  const made = await client.query<{ id: number }>(
    `INSERT INTO monthly_return (commune_id, month, status) VALUES ($1, date_trunc('month', CURRENT_DATE - interval '1 month')::date, 'SUBMITTED') RETURNING id`,
    [communeId],
  );
  return made.rows[0]!.id;
}

async function ensureTarget(client: pg.Client, unitCode: string): Promise<number> {
  const found = await client.query<{ id: number }>(`SELECT t.id FROM result_target t JOIN unit u ON u.id = t.unit_id WHERE u.code = $1 ORDER BY t.id LIMIT 1`, [unitCode]);
  if (found.rows[0]) return found.rows[0].id;
  const made = await client.query<{ id: number }>(
    `INSERT INTO result_target (unit_id, indicator, title, period_start, due_date, target)
     SELECT id, 'CASES_CLEARED', 'Chỉ tiêu thử phân quyền', date_trunc('year', CURRENT_DATE)::date, (date_trunc('year', CURRENT_DATE) + interval '1 year - 1 day')::date, 10
       FROM unit WHERE code = $1 RETURNING id`,
    [unitCode],
  );
  return made.rows[0]!.id;
}

export async function ensureToken(client: pg.Client, username: string, kind = "api"): Promise<{ secret: string; id: number }> {
  // the shape of a real token: "cax_" and 43 characters of base64url
  const secret = `cax_${createHash("sha256").update(`authz-matrix/${kind}/${username}`).digest("base64url")}`;
  const hash = createHash("sha256").update(secret, "utf8").digest("hex");
  const r = await client.query<{ id: number }>(
    `INSERT INTO api_token (user_id, name, prefix, token_hash)
     SELECT id, 'Ma tran phan quyen', $2, $3 FROM app_user WHERE username = $1
     ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL RETURNING id`,
    [username, secret.slice(0, 12), hash],
  );
  if (!r.rows[0]) throw new Error(`no user ${username}`);
  return { secret, id: r.rows[0].id };
}

/** A district user of Kỳ Sơn made for the matrix and disabled after signing in: the proxy lets the cookie through, the server must not. */
export const DISABLED_USER = "matrix.vohieu";

export async function ensureDisabledUser(client: pg.Client, disabled: boolean): Promise<void> {
  const hash = await client.query<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE username = 'huyen.kyson'`);
  await client.query(
    `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
     SELECT $1, $2, 'Tài khoản bị khóa (ma trận)', 'DISTRICT', unit_id FROM app_user WHERE username = 'huyen.kyson'
     ON CONFLICT (username) DO NOTHING`,
    [DISABLED_USER, hash.rows[0]!.password_hash],
  );
  await client.query(`UPDATE app_user SET disabled = $2 WHERE username = $1`, [DISABLED_USER, disabled]);
}

export const MATRIX_PASSWORD = DEMO_PASSWORD;

/** Whose account user-management actions are probed on: allowed probes really reset it, so never a demo login. */
const MANAGED_USER: Record<PlaceKey, string> = { kyson: "matrix.quanly", quynhluu: "huyen.quynhluu", kontum: "tinh.kontum" };

async function ensureManagedUser(client: pg.Client, key: PlaceKey): Promise<number> {
  if (key === "kyson") {
    await client.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
       SELECT $1, password_hash, 'Tài khoản thử quản lý (ma trận)', 'DISTRICT', unit_id FROM app_user WHERE username = 'huyen.kyson'
       ON CONFLICT (username) DO NOTHING`,
      [MANAGED_USER.kyson],
    );
  }
  const r = await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [MANAGED_USER[key]]);
  return r.rows[0]!.id;
}

export async function loadFixtures(client: pg.Client, usernames: string[]): Promise<Fixtures> {
  const places = {} as Record<PlaceKey, Place>;
  for (const key of Object.keys(ROOTS) as PlaceKey[]) {
    const base = await findPlace(client, ROOTS[key]);
    places[key] = {
      ...base,
      returnId: await ensureReturn(client, base.communeId),
      targetId: await ensureTarget(client, ROOTS[key]),
      userId: await ensureManagedUser(client, key),
      placementId: await ensurePlacement(client, base.assignmentId, base.communeId),
    };
  }
  const set = await client.query<{ id: number }>(
    `SELECT s.id FROM criteria_set s JOIN unit u ON u.id = s.scope_unit_id WHERE u.code = '40' AND 'XA' = ANY(s.applies_to) ORDER BY s.id LIMIT 1`,
  );
  if (!set.rows[0]) throw new Error("the demo data has no criteria set for Nghệ An's communes");
  const tokens: Fixtures["tokens"] = {};
  const spareTokens: Fixtures["spareTokens"] = {};
  for (const u of usernames) {
    tokens[u] = await ensureToken(client, u);
    spareTokens[u] = (await ensureToken(client, u, "spare")).id;
  }
  return { places, setId: set.rows[0].id, tokens, spareTokens };
}
