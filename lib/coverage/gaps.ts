import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db";
import { cachedFigure } from "@/lib/cache/figures";
import { toIsoDate, type IsoDate } from "@/lib/dates";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { foldVietnamese } from "@/lib/text/fold";
import { active, onDate, validOn } from "@/lib/db/periods";
import { queryScope, scopeCtes } from "./sql";

// Gaps to act on, as of D, in a scope — each list one SQL statement over the shared scope CTEs, so a
// commune counted "unstaffed" here is exactly one the cards do not count as staffed.
//
//   unstaffed     in-programme communes with no active assignment
//   underNorm     in-programme communes with fewer active assignments than their norm (short = norm − n)
//   noChief       in-programme communes with no active Trưởng Công an xã
//   cellSecretary active Party cells of the scope whose secretary on D is not a serving officer (or none)
//   borderLanguage in-programme border communes where no serving officer speaks an ethnic-minority language
//   noSuccessor   assignments in an in-programme commune that ended by D with no later assignment to the
//                 same post in that commune started by D

export const GAP_KINDS = ["unstaffed", "underNorm", "noChief", "cellSecretary", "borderLanguage", "noSuccessor", "noHeadquarters"] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export type GapColumn = { key: string; type: "text" | "number" | "date"; sortable: boolean };

/** The columns of each list, in display order; `key` names both the row field and the message key. */
export const GAP_COLUMNS: Record<GapKind, GapColumn[]> = {
  unstaffed: [col("commune"), col("communeCode"), col("district"), col("province"), num("norm")],
  underNorm: [col("commune"), col("communeCode"), col("district"), col("province"), num("officers"), num("norm"), num("short")],
  noChief: [col("commune"), col("communeCode"), col("district"), col("province"), num("officers")],
  cellSecretary: [col("cell"), col("communes"), col("secretary"), col("reason", false)],
  borderLanguage: [col("commune"), col("communeCode"), col("district"), col("province"), num("officers")],
  noSuccessor: [col("commune"), col("district"), col("post", false), col("officer"), col("officerNumber"), date("endDate"), col("endReason", false), num("daysVacant")],
  noHeadquarters: [col("commune"), col("communeCode"), col("district"), col("province"), col("hqStatus"), col("missingEquipment", false)],
};

function col(key: string, sortable = true): GapColumn {
  return { key, type: "text", sortable };
}
function num(key: string): GapColumn {
  return { key, type: "number", sortable: true };
}
function date(key: string): GapColumn {
  return { key, type: "date", sortable: true };
}

/** The default order of each list: the most urgent first. */
const DEFAULT_SORT: Record<GapKind, { key: string; dir: "asc" | "desc" }> = {
  unstaffed: { key: "communeCode", dir: "asc" },
  underNorm: { key: "short", dir: "desc" },
  noChief: { key: "communeCode", dir: "asc" },
  cellSecretary: { key: "cell", dir: "asc" },
  borderLanguage: { key: "communeCode", dir: "asc" },
  noSuccessor: { key: "daysVacant", dir: "desc" },
  noHeadquarters: { key: "communeCode", dir: "asc" },
};

export const PAGE_SIZE = 25;

/** The query string of a list: what the page, the CSV export and the tests accept. */
export const GapQuerySchema = z.object({
  kind: z.enum(GAP_KINDS).catch("unstaffed"),
  q: z.string().trim().max(100).catch("").default(""),
  within: z.string().trim().regex(/^\d{2,5}$/).optional().catch(undefined),
  sort: z.string().max(40).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});
export type GapQuery = z.infer<typeof GapQuerySchema>;

export type GapRow = Record<string, string | number | null> & { href: string | null };
export type GapList = { kind: GapKind; rows: GapRow[]; total: number; page: number; pageCount: number; sort: { key: string; dir: "asc" | "desc" } };

/** The sort a list uses: the one asked for when it names a sortable column, else the default. */
export function resolveSort(kind: GapKind, key?: string, dir?: "asc" | "desc") {
  const column = GAP_COLUMNS[kind].find((c) => c.key === key && c.sortable);
  if (!column) return DEFAULT_SORT[kind];
  return { key: column.key, dir: dir ?? (column.type === "text" ? "asc" : "desc") };
}

// Sort keys map to SQL expressions over the list's output columns (never to user text).
const SQL_SORT: Record<string, string> = {
  commune: "commune_sort",
  communeCode: "commune_code",
  district: "district_sort",
  province: "province_sort",
  norm: "norm",
  officers: "officers",
  short: "short",
  cell: "cell_sort",
  communes: "communes_sort",
  secretary: "secretary_sort",
  officer: "officer_sort",
  officerNumber: "officer_number",
  endDate: "end_date",
  daysVacant: "days_vacant",
  hqStatus: "hq_status",
};

const NAME_SORTS = new Set(["commune", "district", "province"]);

/** Joins the names on D of the commune `alias.commune_id` (cv), its district (dv) and its province (prv). */
function namesOf(alias: string, d: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      JOIN unit_version cv ON cv.unit_id = ${Prisma.raw(alias)}.commune_id AND ${validOn("cv", d)}
      LEFT JOIN unit_version dv ON dv.unit_id = cv.parent_id AND ${validOn("dv", d)}
      LEFT JOIN unit_version prv ON prv.unit_id = dv.parent_id AND ${validOn("prv", d)}`;
}

type Options = { q?: string; withinUnitId?: number | null; sort?: { key: string; dir: "asc" | "desc" }; page?: number | "all"; pageSize?: number };

/**
 * One gap list for `rootUnitId` (null = nationwide) as of `asOf`. `page: "all"` returns every row (CSV).
 * Callers must have checked scope; getGapList() does.
 */
export const computeGapList = cachedFigure("gaps", queryGapList);

async function queryGapList(kind: GapKind, rootUnitId: number | null, asOf: IsoDate, opts: Options = {}): Promise<GapList> {
  const sort = opts.sort ?? DEFAULT_SORT[kind];
  // the list as it opens is prepared (ADR 0017); a sort the user chose is one of many shapes, planned per call
  const isDefaultSort = sort.key === DEFAULT_SORT[kind].key && sort.dir === DEFAULT_SORT[kind].dir;
  const folded = opts.q ? foldVietnamese(opts.q) : "";
  const like = `%${folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const d = onDate(asOf);
  const within = opts.withinUnitId ?? null;
  const order = Prisma.raw(`${SQL_SORT[sort.key] ?? "1"} ${sort.dir === "desc" ? "DESC" : "ASC"} NULLS LAST, tiebreak ASC`);
  const pageSize = opts.page === "all" ? null : (opts.pageSize ?? PAGE_SIZE);
  const page = opts.page === "all" ? 1 : Math.max(1, opts.page ?? 1);
  const limit = pageSize === null ? Prisma.empty : Prisma.sql`LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const fold = (expr: string) => Prisma.raw(`lower(translate(unaccent(${expr}), 'Đđ', 'Dd'))`);
  // a name is needed before the page is cut only to search or sort by it; otherwise the names of a commune,
  // its district and its province are looked up for the page's rows alone (25 rows, not every commune)
  const byName = folded !== "" || NAME_SORTS.has(sort.key);

  // Communes of the scope on D with their code, and their folded names when searched or sorted by name.
  const places = Prisma.sql`
    places AS (
      SELECT pcm.*, cu.code AS commune_code${
        byName ? Prisma.sql`, ${fold("cv.name")} AS commune_sort, ${fold("dv.name")} AS district_sort, ${fold("prv.name")} AS province_sort` : Prisma.empty
      }
      FROM per_commune pcm
      JOIN unit cu ON cu.id = pcm.commune_id
      ${byName ? namesOf("pcm", d) : Prisma.empty}
      WHERE (${within}::int IS NULL OR pcm.child_id = ${within}::int)
    )`;
  // the folded names carried to the page, which is sorted again once named
  const nameSortKeys = (alias: string) =>
    byName ? Prisma.raw(`, ${alias}.commune_sort, ${alias}.district_sort${alias === "places" ? `, ${alias}.province_sort` : ""}`) : Prisma.empty;
  const communeFilter = folded === "" ? Prisma.sql`TRUE` : Prisma.sql`(commune_sort LIKE ${like} OR district_sort LIKE ${like} OR commune_code = ${folded})`;

  // the list's own CTEs (after the scope's), and the statement that lists its rows
  let ctes: Prisma.Sql;
  let select: Prisma.Sql;
  switch (kind) {
    case "unstaffed":
    case "underNorm":
    case "noChief":
    case "borderLanguage": {
      const where = {
        unstaffed: Prisma.sql`n = 0`,
        underNorm: Prisma.sql`n < norm`,
        noChief: Prisma.sql`NOT has_chief`,
        borderLanguage: Prisma.sql`is_border AND NOT EXISTS (
          SELECT 1 FROM a JOIN officer o ON o.id = a.officer_id
          WHERE a.commune_id = places.commune_id AND cardinality(o.ethnic_languages) > 0)`,
      }[kind];
      ctes = Prisma.sql`, ${places}`;
      select = Prisma.sql`
        SELECT commune_id AS id, commune_id, commune_code, norm::int, n::int AS officers,
               GREATEST(norm - n, 0)::int AS short, commune_code AS tiebreak, count(*) OVER ()::int AS total ${nameSortKeys("places")}
        FROM places WHERE ${where} AND ${communeFilter}`;
      break;
    }
    case "cellSecretary":
      ctes = Prisma.sql`,
        cells AS (
          SELECT pc.id, pc.name, bool_or(${within}::int IS NULL OR t.path[${rootUnitId === null ? 1 : 2}] = ${within}::int) AS in_within
          FROM party_cell pc
          JOIN party_cell_commune pcc ON pcc.cell_id = pc.id
          JOIN tree t ON t.unit_id = pcc.commune_id AND t.level = 'COMMUNE'
          WHERE ${active("pc", "established_on", "dissolved_on", d)}
          GROUP BY pc.id, pc.name
        ),
        listed AS (
          SELECT cells.id, cells.name AS cell, ${fold("cells.name")} AS cell_sort,
                 (SELECT string_agg(uv.name, ', ' ORDER BY uv.name) FROM party_cell_commune pcc
                    JOIN unit_version uv ON uv.unit_id = pcc.commune_id AND ${validOn("uv", d)}
                  WHERE pcc.cell_id = cells.id) AS communes,
                 COALESCE(o.full_name, s.person_name) AS secretary,
                 CASE WHEN s.id IS NULL THEN 'none' WHEN s.officer_id IS NULL THEN 'notOfficer' ELSE 'notServing' END AS reason
          FROM cells
          LEFT JOIN cell_secretary s ON s.cell_id = cells.id AND ${active("s", "start_date", "end_date", d)}
          LEFT JOIN officer o ON o.id = s.officer_id
          WHERE cells.in_within AND NOT EXISTS (
            SELECT 1 FROM assignment sa WHERE s.officer_id IS NOT NULL AND sa.officer_id = s.officer_id
              AND ${active("sa", "start_date", "end_date", d)})
        )`;
      select = Prisma.sql`
        SELECT id, cell, communes, secretary, reason, ${fold("communes")} AS communes_sort,
               ${fold("COALESCE(secretary, '')")} AS secretary_sort, cell_sort, id AS tiebreak, count(*) OVER ()::int AS total
        FROM listed
        WHERE ${folded} = '' OR cell_sort LIKE ${like} OR ${fold("communes")} LIKE ${like}`;
      break;
    case "noSuccessor":
      ctes = Prisma.sql`
        , ${places},
        ended AS (
          SELECT asg.id, asg.officer_id, asg.post, asg.end_date, asg.end_reason, places.commune_id, places.commune_code${
            byName ? Prisma.sql`, places.commune_sort, places.district_sort` : Prisma.empty
          }
          FROM places JOIN assignment asg ON asg.commune_id = places.commune_id
          WHERE asg.end_date IS NOT NULL AND asg.end_date <= ${d}
            AND NOT EXISTS (
              SELECT 1 FROM assignment nxt
              WHERE nxt.commune_id = asg.commune_id AND nxt.post = asg.post AND nxt.id <> asg.id
                AND nxt.start_date > asg.start_date AND nxt.start_date <= ${d})
        )`;
      select = Prisma.sql`
        SELECT ended.id, ended.commune_id, o.full_name AS officer, o.officer_number, ended.post::text AS post, ended.commune_code,
               ended.end_date, ended.end_reason::text AS end_reason,
               (${d} - ended.end_date)::int AS days_vacant, ${fold("o.full_name")} AS officer_sort, ended.id AS tiebreak,
               count(*) OVER ()::int AS total ${nameSortKeys("ended")}
        FROM ended JOIN officer o ON o.id = ended.officer_id
        WHERE ${
          folded === ""
            ? Prisma.sql`TRUE`
            : Prisma.sql`${fold("o.full_name")} LIKE ${like} OR o.officer_number = ${opts.q ?? ""} OR ended.commune_sort LIKE ${like} OR ended.district_sort LIKE ${like}`
        }`;
      break;
    case "noHeadquarters":
      // the headquarters record in force on D; a commune with none recorded is listed too ("not recorded")
      ctes = Prisma.sql`, ${places}`;
      select = Prisma.sql`
        SELECT places.commune_id AS id, places.commune_id, commune_code,
               COALESCE(f.hq_status::text, 'UNKNOWN') AS hq_status,
               CASE WHEN f.id IS NULL THEN NULL ELSE array_to_string(ARRAY(
                 SELECT e::text FROM unnest(enum_range(NULL::"Equipment")) AS e WHERE NOT (e = ANY (f.equipment))), ',') END AS missing_equipment,
               commune_code AS tiebreak, count(*) OVER ()::int AS total ${nameSortKeys("places")}
        FROM places
        LEFT JOIN commune_facility f ON f.commune_id = places.commune_id AND ${validOn("f", d)}
        WHERE (f.hq_status IS NULL OR f.hq_status <> 'OWN') AND ${communeFilter}`;
      break;
  }

  // every list but the cells' is of communes: the page is cut first, then its communes are named
  const statement =
    kind === "cellSecretary"
      ? Prisma.sql`${ctes} ${select} ORDER BY ${order} ${limit}`
      : Prisma.sql`${ctes}, shown AS (${select} ORDER BY ${order} ${limit})
        SELECT shown.*, cv.name AS commune, dv.name AS district, prv.name AS province
        FROM shown ${namesOf("shown", d)}
        ORDER BY ${order}`;
  const rows = await queryScope<Record<string, unknown>>(
    rootUnitId,
    Prisma.sql`
    ${scopeCtes(rootUnitId, [asOf], "child", { prepared: isDefaultSort && folded === "" })}
    ${statement}`,
  );
  const total = (rows[0]?.total as number | undefined) ?? (page > 1 ? await countOnly(kind, rootUnitId, asOf, opts) : 0);
  return {
    kind,
    rows: rows.map((r) => toGapRow(kind, r, asOf)),
    total,
    page,
    pageCount: pageSize === null ? 1 : Math.max(1, Math.ceil(total / pageSize)),
    sort,
  };
}

/** A page past the end has no rows to carry the total: ask for the first page's. */
async function countOnly(kind: GapKind, rootUnitId: number | null, asOf: IsoDate, opts: Options): Promise<number> {
  return (await computeGapList(kind, rootUnitId, asOf, { ...opts, page: 1 })).total;
}

function toGapRow(kind: GapKind, r: Record<string, unknown>, asOf: IsoDate): GapRow {
  const row: GapRow = { href: null };
  for (const c of GAP_COLUMNS[kind]) {
    const sqlKey = c.key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
    const v = r[sqlKey];
    row[c.key] = v instanceof Date ? toIsoDate(v) : v === undefined ? null : (v as string | number | null);
  }
  row.id = r.id as number;
  if (typeof r.commune_code === "string") row.href = `/units/${r.commune_code}?asOf=${asOf}`;
  return row;
}

/** A gap list a viewer may see; `within` (a child unit code) narrows it. 404 outside their scope. */
export async function getGapList(
  viewer: Viewer,
  unitId: number | null,
  asOf: IsoDate,
  query: GapQuery,
  withinUnitId: number | null,
  page: number | "all" = query.page,
  pageSize: number = PAGE_SIZE,
) {
  await assertInScope(viewer, unitId, asOf);
  return computeGapList(query.kind, unitId, asOf, {
    q: query.q,
    withinUnitId,
    sort: resolveSort(query.kind, query.sort, query.dir),
    page,
    pageSize,
  });
}
