import "server-only";
import { cachedFigure } from "@/lib/cache/figures";
import { getDb, Prisma } from "@/lib/db";
import type { IsoDate } from "@/lib/dates";
import { toIsoDate } from "@/lib/dates";
import type { UnitLevel, UnitType } from "@/lib/units/types";
import { onColumn, onDate, validOn } from "@/lib/db/periods";

export type UnitOnDate = {
  id: number;
  code: string;
  level: UnitLevel;
  name: string;
  type: UnitType;
  parentId: number | null;
  /** the date the name/type/parent are taken from: asOf when the unit existed then, else the nearest day it did */
  seenOn: IsoDate;
  existedOnAsOf: boolean;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
};

type VersionRow = {
  id: number;
  code: string;
  level: UnitLevel;
  name: string;
  type: UnitType;
  parent_id: number | null;
  valid_from: Date | null;
  valid_to: Date | null;
  u_from: Date | null;
  u_to: Date | null;
  distance: number;
};

/**
 * The unit a GSO code names on `asOf`. A code may name different units in different periods (2025
 * reform); when no unit had the code on that day, the version nearest to it in time is returned with
 * existedOnAsOf = false, so a bookmarked page can still say what the unit was.
 */
export async function findUnitByCode(code: string, asOf: IsoDate): Promise<UnitOnDate | null> {
  if (!/^\d{2,5}$/.test(code)) return null;
  return nearestVersion(Prisma.sql`u.code = ${code}`, asOf);
}

/**
 * One unit by id on `asOf` (or its nearest version, as findUnitByCode). An account's own unit is read by id:
 * after a reform its code may name a different, new unit (Tuyên Quang's 08 after the merger with Hà Giang).
 */
export async function findUnitById(id: number, asOf: IsoDate): Promise<UnitOnDate | null> {
  return nearestVersion(Prisma.sql`u.id = ${id}`, asOf);
}

async function nearestVersion(which: Prisma.Sql, asOf: IsoDate): Promise<UnitOnDate | null> {
  const rows = await getDb().$queryRaw<VersionRow[]>`
    SELECT u.id, u.code, u.level, v.name, v.type, v.parent_id, v.valid_from, v.valid_to,
           u.valid_from AS u_from, u.valid_to AS u_to,
           CASE
             WHEN ${validOn("v", onDate(asOf))} THEN 0
             WHEN v.valid_from > ${asOf}::date THEN v.valid_from - ${asOf}::date
             ELSE ${asOf}::date - v.valid_to + 1
           END AS distance
    FROM unit u JOIN unit_version v ON v.unit_id = u.id
    WHERE ${which}
    ORDER BY distance, v.valid_from DESC NULLS LAST
    LIMIT 1`;
  const r = rows[0];
  if (!r) return null;
  const existed = Number(r.distance) === 0;
  let seenOn = asOf;
  if (!existed) {
    seenOn = r.valid_from && toIsoDate(r.valid_from) > asOf ? toIsoDate(r.valid_from) : (prevDay(toIsoDate(r.valid_to!)));
  }
  return {
    id: r.id,
    code: r.code,
    level: r.level,
    name: r.name,
    type: r.type,
    parentId: r.parent_id,
    seenOn,
    existedOnAsOf: existed,
    validFrom: r.u_from ? toIsoDate(r.u_from) : null,
    validTo: r.u_to ? toIsoDate(r.u_to) : null,
  };
}

function prevDay(d: IsoDate): IsoDate {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.toISOString().slice(0, 10) as IsoDate;
}

export type UnitRef = { id: number; code: string; name: string; type: UnitType; level: UnitLevel };

/** The unit and its ancestors on `asOf`, from the province down to the unit itself. */
export async function getUnitPath(unitId: number, asOf: IsoDate): Promise<UnitRef[]> {
  const rows = await getDb().$queryRaw<(UnitRef & { depth: number })[]>`
    WITH RECURSIVE v AS (
      SELECT uv.unit_id, uv.parent_id, uv.name, uv.type FROM unit_version uv
      WHERE ${validOn("uv", onDate(asOf))}
    ), up AS (
      SELECT unit_id, parent_id, name, type, 0 AS depth FROM v WHERE unit_id = ${unitId}
      UNION ALL
      SELECT v.unit_id, v.parent_id, v.name, v.type, up.depth + 1 FROM v JOIN up ON v.unit_id = up.parent_id WHERE up.depth < 10
    )
    SELECT up.unit_id AS id, u.code, up.name, up.type, u.level, up.depth
    FROM up JOIN unit u ON u.id = up.unit_id
    ORDER BY up.depth DESC`;
  return rows.map(({ depth: _depth, ...ref }) => ref);
}

/**
 * The level of a unit's children on a date (null for the country): a province has districts on the three-level
 * map and communes after a reform that ended the district level; a unit that did not exist on the date is
 * taken on the day it is seen (`seenOn`).
 */
export async function childLevelOn(unit: Pick<UnitOnDate, "id" | "level" | "seenOn"> | null, asOf: IsoDate): Promise<UnitLevel | null> {
  if (!unit) return "PROVINCE";
  if (unit.level !== "PROVINCE") return unit.level === "DISTRICT" ? "COMMUNE" : null;
  const rows = await getDb().$queryRaw<{ level: UnitLevel }[]>`
    SELECT u.level FROM (VALUES (${asOf}::date, 0), (${unit.seenOn}::date, 1)) AS x(d, pref)
    JOIN unit_version v ON v.parent_id = ${unit.id} AND ${validOn("v", onColumn("x.d"))}
    JOIN unit u ON u.id = v.unit_id
    ORDER BY x.pref LIMIT 1`;
  return rows[0]?.level ?? "DISTRICT";
}

/**
 * Is the map on `asOf` the two-level one: communes in force and no district (after the 1 July 2025 reform)?
 * Kept in the figures cache (5 ms on a date after the reform, on every dashboard; retired by any write).
 */
export const isTwoLevelMapOn = cachedFigure("twoLevelMap", async (asOf: IsoDate): Promise<boolean> => {
  const rows = await getDb().$queryRaw<{ two: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM unit u JOIN unit_version v ON v.unit_id = u.id WHERE u.level = 'COMMUNE' AND ${validOn("v", onDate(asOf))})
       AND NOT EXISTS (SELECT 1 FROM unit u JOIN unit_version v ON v.unit_id = u.id WHERE u.level = 'DISTRICT' AND ${validOn("v", onDate(asOf))}) AS two`;
  return rows[0]?.two ?? false;
});

/** Unit counts by level on a date (used by the map tests and the admin overview). */
export async function countUnitsByLevel(asOf: IsoDate): Promise<Record<UnitLevel, number>> {
  const rows = await getDb().$queryRaw<{ level: UnitLevel; n: number }[]>`
    SELECT u.level, count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id
    WHERE ${validOn("v", onDate(asOf))}
    GROUP BY u.level`;
  const out: Record<UnitLevel, number> = { PROVINCE: 0, DISTRICT: 0, COMMUNE: 0 };
  for (const r of rows) out[r.level] = r.n;
  return out;
}
