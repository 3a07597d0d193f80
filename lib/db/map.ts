// Loads the real administrative map (GSO codes) into unit / unit_version.
// prisma/data/vn-admin-units-2021.csv is the map in effect on 01/11/2021; we take it as in effect since
// before our records start (valid_from NULL), then apply the recorded changes of
// prisma/data/unit-changes.csv (e.g. commune 23473: Xã Đắk Long until 01/12/2019, Thị trấn Măng Đen after).
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import type pg from "pg";
import { carryPeople } from "@/lib/units/carry";
import { UNIT_TYPE_BY_LABEL } from "@/lib/units/types";
import type { UnitType } from "@/lib/units/types";
import { validOnText } from "@/lib/db/periods";

const DATA_DIR = path.join(process.cwd(), "prisma", "data");
const MAP_HEADER =
  "province_code,province_name,province_type,district_code,district_name,district_type,commune_code,commune_name,commune_type";

type Row = { code: string; name: string; type: UnitType; parentCode: string | null; level: "PROVINCE" | "DISTRICT" | "COMMUNE" };

function typeOf(label: string, line: number): UnitType {
  const t = UNIT_TYPE_BY_LABEL[label];
  if (!t) throw new Error(`Dòng ${line}: loại đơn vị không rõ "${label}"`);
  return t;
}

export function parseThreeLevelMap(csv: string): Row[] {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== MAP_HEADER) throw new Error("Tệp đơn vị hành chính không đúng tiêu đề cột");
  const seen = new Map<string, Row>();
  const add = (row: Row) => {
    const prev = seen.get(row.code);
    if (prev && (prev.name !== row.name || prev.parentCode !== row.parentCode)) {
      throw new Error(`Mã ${row.code} xuất hiện hai lần với nội dung khác nhau`);
    }
    if (!prev) seen.set(row.code, row);
  };
  lines.slice(1).forEach((line, i) => {
    const f = line.split(",");
    if (f.length !== 9) throw new Error(`Dòng ${i + 2}: cần 9 cột, có ${f.length}`);
    const [pc, pn, pt, dc, dn, dt, cc, cn, ct] = f as [string, string, string, string, string, string, string, string, string];
    add({ code: pc, name: pn, type: typeOf(pt, i + 2), parentCode: null, level: "PROVINCE" });
    add({ code: dc, name: dn, type: typeOf(dt, i + 2), parentCode: pc, level: "DISTRICT" });
    // island districts without communes have empty commune fields
    if (cc) add({ code: cc, name: cn, type: typeOf(ct, i + 2), parentCode: dc, level: "COMMUNE" });
  });
  return [...seen.values()];
}

type Change = { code: string; validTo: string; nameBefore: string; typeBefore: UnitType };

export function parseUnitChanges(csv: string): Change[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
  return lines.slice(1).map((line) => {
    const [code, validTo, nameBefore, typeBefore] = line.split(",") as [string, string, string, string];
    return { code, validTo, nameBefore, typeBefore: typeBefore as UnitType };
  });
}

export async function mapIsLoaded(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query("SELECT EXISTS (SELECT 1 FROM unit) AS loaded");
  return Boolean(r.rows[0]?.loaded);
}

/** Loads the map in one transaction; does nothing when units already exist. */
export async function loadMap(client: pg.ClientBase): Promise<{ loaded: boolean; units: number }> {
  if (await mapIsLoaded(client)) return { loaded: false, units: 0 };
  const rows = parseThreeLevelMap(readFileSync(path.join(DATA_DIR, "vn-admin-units-2021.csv"), "utf8"));
  const changes = parseUnitChanges(readFileSync(path.join(DATA_DIR, "unit-changes.csv"), "utf8"));
  await client.query("BEGIN");
  try {
    const ids = await client.query<{ id: number; code: string }>(
      `INSERT INTO unit (code, level) SELECT * FROM unnest($1::text[], $2::"UnitLevel"[]) RETURNING id, code`,
      [rows.map((r) => r.code), rows.map((r) => r.level)],
    );
    const idOf = new Map(ids.rows.map((r) => [r.code, r.id]));
    await client.query(
      `INSERT INTO unit_version (unit_id, name, type, parent_id)
       SELECT * FROM unnest($1::int[], $2::text[], $3::"UnitType"[], $4::int[])`,
      [
        rows.map((r) => idOf.get(r.code)),
        rows.map((r) => r.name),
        rows.map((r) => r.type),
        rows.map((r) => (r.parentCode ? idOf.get(r.parentCode) : null)),
      ],
    );
    for (const c of changes) {
      const unitId = idOf.get(c.code);
      if (!unitId) throw new Error(`Thay đổi cho mã ${c.code} không có trong bản đồ`);
      const cur = await client.query<{ parent_id: number | null }>(
        `UPDATE unit_version SET valid_from = $2 WHERE unit_id = $1 AND valid_from IS NULL RETURNING parent_id`,
        [unitId, c.validTo],
      );
      await client.query(
        `INSERT INTO unit_version (unit_id, name, type, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, NULL, $5)`,
        [unitId, c.nameBefore, c.typeBefore, cur.rows[0]?.parent_id ?? null, c.validTo],
      );
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  }
  return { loaded: true, units: rows.length };
}

export type MapStateChange = {
  ended: number;
  changed: number;
  started: number;
  unchanged: number;
  /** when merges were given: the people carried into the communes the ended ones merged into */
  carried?: Awaited<ReturnType<typeof carryPeople>>;
};

/**
 * Who merged into whom, for the communes a map state ends: recorded as a reform of that date (unit_reform, its
 * successions), and their officers, seats and cells are carried into the successor (lib/units/reform.ts).
 */
export type MapMerges = { name: string; successorOf: ReadonlyMap<string, string>; note?: string };

/**
 * Brings the map to the state of a three-level GSO file from `effectiveOn` on (prisma/data/vn-admin-units-2025.csv:
 * the state of 01/03/2025, after the 2023–2025 mergers of communes and districts). Units absent from the file end on
 * that date, units whose name, type or parent differ get a new version, new codes start; units as they were stay.
 * The sources give the two states, not who merged into whom, so units that still hold officers, settings or
 * Party records past that date are refused unless `merges` says where each went (then they are carried, as by
 * a reform). Once only: a second run finds nothing to change. One transaction (the caller's with `inTransaction`).
 */
export async function applyMapState(
  client: pg.ClientBase,
  csv: string,
  effectiveOn: string,
  opts: { merges?: MapMerges; inTransaction?: boolean; actorId?: number | null } = {},
): Promise<MapStateChange> {
  const rows = parseThreeLevelMap(csv);
  const tx = (sql: "BEGIN" | "COMMIT" | "ROLLBACK") => (opts.inTransaction ? Promise.resolve() : client.query(sql).then(() => undefined));
  await tx("BEGIN");
  try {
    // the map in force on that date (a second run finds its own result there, and nothing to change)
    const open = (
      await client.query<{ id: number; code: string; level: Row["level"]; name: string; type: UnitType; parent_code: string | null }>(
        `SELECT u.id, u.code, u.level::text AS level, v.name, v.type::text AS type, p.code AS parent_code
         FROM unit u JOIN unit_version v ON v.unit_id = u.id AND ${validOnText("v", "$1")}
         LEFT JOIN unit p ON p.id = v.parent_id`,
        [effectiveOn],
      )
    ).rows;
    const openByCode = new Map(open.map((u) => [`${u.level}:${u.code}`, u]));
    const wanted = new Map(rows.map((r) => [`${r.level}:${r.code}`, r]));
    const ended = open.filter((u) => !wanted.has(`${u.level}:${u.code}`));
    const changed = rows.filter((r) => {
      const u = openByCode.get(`${r.level}:${r.code}`);
      return u && (u.name !== r.name || u.type !== r.type || u.parent_code !== r.parentCode);
    });
    const started = rows.filter((r) => !openByCode.has(`${r.level}:${r.code}`));
    const endedIds = ended.map((u) => u.id);
    const merged = ended.filter((u) => u.level === "COMMUNE" && opts.merges?.successorOf.has(u.code));
    for (const u of merged) {
      const to = opts.merges!.successorOf.get(u.code)!;
      if (!wanted.has(`COMMUNE:${to}`)) {
        throw new Error(`Xã ${u.code} (${u.name}) được ghi là sáp nhập vào ${to}, nhưng ${to} không có trên bản đồ ngày ${effectiveOn}.`);
      }
    }
    const mergedIds = new Set(merged.map((u) => u.id));
    const held = (
      await client.query<{ code: string; what: string }>(
        `SELECT u.code, x.what FROM unit u JOIN LATERAL (
           SELECT 'cán bộ' AS what WHERE EXISTS (SELECT 1 FROM assignment a WHERE a.commune_id = u.id AND (a.end_date IS NULL OR a.end_date > $2))
           UNION ALL SELECT 'cấp ủy' WHERE EXISTS (SELECT 1 FROM committee_membership m WHERE m.commune_id = u.id AND (m.end_date IS NULL OR m.end_date > $2))
         ) x ON true WHERE u.id = ANY($1::int[]) ORDER BY u.code LIMIT 20`,
        [endedIds.filter((id) => !mergedIds.has(id)), effectiveOn],
      )
    ).rows;
    if (held.length) {
      throw new Error(`Không thể kết thúc ${held.length === 20 ? "nhiều" : held.length} đơn vị còn dữ liệu sau ngày ${effectiveOn} mà không có bảng chuyển đổi: ${held.map((h) => `${h.code} (${h.what})`).join(", ")}.`);
    }
    await client.query(`UPDATE unit_version SET valid_to = $1 WHERE unit_id = ANY($2::int[]) AND (valid_from IS NULL OR valid_from < $1) AND (valid_to IS NULL OR valid_to > $1)`, [
      effectiveOn,
      [...endedIds, ...changed.map((r) => openByCode.get(`${r.level}:${r.code}`)!.id)],
    ]);
    await client.query(`UPDATE unit SET valid_to = $1 WHERE id = ANY($2::int[])`, [effectiveOn, endedIds]);
    const newIds = await client.query<{ id: number; code: string; level: string }>(
      `INSERT INTO unit (code, level, valid_from) SELECT c, l, $3 FROM unnest($1::text[], $2::"UnitLevel"[]) AS x(c, l) RETURNING id, code, level::text AS level`,
      [started.map((r) => r.code), started.map((r) => r.level), effectiveOn],
    );
    // a parent is looked up among the units of the new state: the open ones that stay, and the new ones
    const idOf = new Map<string, number>(open.filter((u) => wanted.has(`${u.level}:${u.code}`)).map((u) => [`${u.level}:${u.code}`, u.id]));
    for (const r of newIds.rows) idOf.set(`${r.level}:${r.code}`, r.id);
    const parentLevel = (level: Row["level"]) => (level === "COMMUNE" ? "DISTRICT" : "PROVINCE");
    const versions = [...changed, ...started];
    await client.query(
      `INSERT INTO unit_version (unit_id, name, type, parent_id, valid_from) SELECT u, n, t, p, $5 FROM unnest($1::int[], $2::text[], $3::"UnitType"[], $4::int[]) AS x(u, n, t, p)`,
      [
        versions.map((r) => idOf.get(`${r.level}:${r.code}`)),
        versions.map((r) => r.name),
        versions.map((r) => r.type),
        versions.map((r) => (r.parentCode ? idOf.get(`${parentLevel(r.level)}:${r.parentCode}`) : null)),
        effectiveOn,
      ],
    );
    let carried: MapStateChange["carried"];
    if (merged.length) {
      const m = opts.merges!;
      const checksum = createHash("sha256").update(csv).update(JSON.stringify([...m.successorOf].sort())).digest("hex");
      const reformId = (
        await client.query<{ id: number }>(`INSERT INTO unit_reform (name, effective_on, checksum, applied_by_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
          m.name, effectiveOn, checksum, opts.actorId ?? null,
        ])
      ).rows[0]!.id;
      const moves = merged.map((u) => [u.id, idOf.get(`COMMUNE:${m.successorOf.get(u.code)!}`)!, false]);
      await client.query(
        `INSERT INTO unit_succession (reform_id, predecessor_id, successor_id, whole, proposed, note) SELECT $1, o, n, true, true, $4 FROM unnest($2::int[], $3::int[]) AS x(o, n)`,
        [reformId, moves.map((x) => x[0]), moves.map((x) => x[1]), m.note ?? null],
      );
      await client.query(`CREATE TEMP TABLE reform_move (old_id int PRIMARY KEY, new_id int NOT NULL, split boolean NOT NULL) ON COMMIT DROP`);
      await client.query(`INSERT INTO reform_move SELECT o, n, false FROM unnest($1::int[], $2::int[]) AS x(o, n)`, [moves.map((x) => x[0]), moves.map((x) => x[1])]);
      carried = await carryPeople(client, { E: effectiveOn, reformId, reformName: m.name, actorId: opts.actorId ?? null });
      await client.query(`DROP TABLE reform_move`);
      const usersOutOfScope = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE unit_id = ANY($1::int[]) AND NOT disabled`, [merged.map((u) => u.id)])).rows[0]!.n;
      // the same shape as applyReform's summary (lib/units/reform.ts), shown on the reforms page
      const summary = { provinces: { ended: 0, continued: 0, started: 0 }, districtsEnded: 0, communes: { ended: merged.length, continued: 0, started: 0 }, ...carried, settings: 0, usersOutOfScope };
      await client.query(`UPDATE unit_reform SET summary = $2 WHERE id = $1`, [reformId, JSON.stringify(summary)]);
      await client.query(`INSERT INTO audit_log (user_id, entity, entity_id, action, after) VALUES ($1, 'unit_reform', $2, 'create', $3)`, [
        opts.actorId ?? null, String(reformId), JSON.stringify({ name: m.name, effectiveOn, ...summary }),
      ]);
    }
    await tx("COMMIT");
    return { ended: ended.length, changed: changed.length, started: started.length, unchanged: rows.length - changed.length - started.length, carried };
  } catch (err) {
    await tx("ROLLBACK").catch(() => {});
    throw err;
  }
}
