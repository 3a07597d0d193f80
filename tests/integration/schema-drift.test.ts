// schema.prisma and the migrated database must agree, in both directions: every model, field, type,
// nullability, default, enum, primary key, relation (with its ON DELETE), unique and index of Prisma's
// DMMF is checked against PostgreSQL's catalog, and nothing in the catalog is missing from the DMMF.
// (`prisma migrate diff` would do this but needs the native schema engine, which cannot run here.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../support/db";

type Field = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[]; primaryKey: { fields: string[] } | null };
type Dmmf = {
  models: Model[];
  enums: { name: string; values: { name: string }[] }[];
  indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }[];
};

const dmmf = JSON.parse(readFileSync(path.join(process.cwd(), "lib/generated/dmmf.json"), "utf8")) as Dmmf;
const db = withTestDatabase("tmpl_empty");

const tableOf = (m: Model) => m.dbName ?? m.name;
const columnOf = (m: Model, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};
const modelByName = new Map(dmmf.models.map((m) => [m.name, m]));

function expectedType(f: Field): string {
  if (f.kind === "enum") return f.isList ? `_${f.type}` : f.type;
  const native = f.nativeType?.[0];
  const base =
    f.type === "String" ? (native === "VarChar" ? `varchar(${f.nativeType![1][0]})` : native === "Char" ? `bpchar(${f.nativeType![1][0]})` : "text")
    : f.type === "Int" ? "int4"
    : f.type === "BigInt" ? "int8"
    : f.type === "Boolean" ? "bool"
    : f.type === "Json" ? "jsonb"
    : f.type === "DateTime" ? (native === "Date" ? "date" : native === "Timestamptz" ? "timestamptz" : "timestamp")
    : `unknown:${f.type}`;
  return f.isList ? `_${base}` : base;
}

type Column = { table: string; column: string; udt: string; len: number | null; nullable: boolean; hasDefault: boolean };
type Index = { name: string; table: string; columns: string[]; unique: boolean; primary: boolean; exclusion: boolean };

// Indexes Prisma's schema language cannot describe, created on purpose in SQL (each named here, so a stray one fails):
// a trigram index, the partial unique index "one proposed successor per predecessor", and the partial indexes of
// the validity bounds that the figures' epochs are looked up by.
const SQL_ONLY_INDEXES = new Set([
  "officer_search_name_trgm",
  "unit_succession_one_proposed",
  "unit_version_valid_from_idx",
  "unit_version_valid_to_idx",
  "commune_setting_valid_from_idx",
  "commune_setting_valid_to_idx",
]);
type Fk = { table: string; columns: string[]; refTable: string; refColumns: string[]; onDelete: string };

let columns: Column[] = [];
let indexes: Index[] = [];
let fks: Fk[] = [];
let enums: Map<string, string[]>;

beforeAll(async () => {
  const c = db.client();
  columns = (
    await c.query(`
      SELECT c.table_name AS table, c.column_name AS column, c.udt_name AS udt, c.character_maximum_length AS len,
             c.is_nullable = 'YES' AS nullable, c.column_default IS NOT NULL AS "hasDefault"
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_app_migrations'`)
  ).rows;
  indexes = (
    await c.query(`
      SELECT ic.relname AS name, t.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indisunique AS unique,
             i.indisprimary AS primary, EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype = 'x') AS exclusion
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_class ic ON ic.oid = i.indexrelid
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_app_migrations'
      GROUP BY ic.relname, t.relname, i.indexrelid, i.indisunique, i.indisprimary`)
  ).rows;
  fks = (
    await c.query(`
      SELECT t.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns, rt.relname AS "refTable",
             array_agg(ra.attname::text ORDER BY k.ord) AS "refColumns",
             CASE x.confdeltype WHEN 'a' THEN 'NoAction' WHEN 'r' THEN 'Restrict' WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'd' THEN 'SetDefault' END AS "onDelete"
      FROM pg_constraint x
      JOIN pg_class t ON t.oid = x.conrelid JOIN pg_class rt ON rt.oid = x.confrelid
      CROSS JOIN LATERAL unnest(x.conkey, x.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      JOIN pg_attribute ra ON ra.attrelid = rt.oid AND ra.attnum = k.refnum
      WHERE x.contype = 'f' AND t.relnamespace = 'public'::regnamespace
      GROUP BY x.oid, t.relname, rt.relname, x.confdeltype`)
  ).rows;
  const e = await c.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  enums = new Map(e.rows.map((r) => [r.name, r.values]));
});

describe("schema.prisma ↔ migrated database", () => {
  it("has the same tables", () => {
    const dbTables = [...new Set(columns.map((c) => c.table))].sort();
    expect(dbTables).toEqual(dmmf.models.map(tableOf).sort());
  });

  it("has the same enums with the same values in the same order", () => {
    expect([...enums.keys()].sort()).toEqual(dmmf.enums.map((e) => e.name).sort());
    for (const e of dmmf.enums) expect(enums.get(e.name), e.name).toEqual(e.values.map((v) => v.name));
  });

  for (const model of dmmf.models) {
    it(`${model.name}: every column with its type, nullability and default, and no other column`, () => {
      const table = tableOf(model);
      const scalar = model.fields.filter((f) => f.kind !== "object");
      const dbCols = columns.filter((c) => c.table === table);
      expect(dbCols.map((c) => c.column).sort(), table).toEqual(scalar.map((f) => f.dbName ?? f.name).sort());
      for (const f of scalar) {
        const col = dbCols.find((c) => c.column === (f.dbName ?? f.name))!;
        const actual = col.udt === "varchar" || col.udt === "bpchar" ? `${col.udt}(${col.len})` : col.udt;
        expect(actual, `${table}.${col.column} type`).toBe(expectedType(f));
        // Prisma creates scalar lists as nullable columns whatever the schema says
        if (!f.isList) expect(col.nullable, `${table}.${col.column} nullable`).toBe(!f.isRequired);
        expect(col.hasDefault, `${table}.${col.column} default`).toBe(f.hasDefaultValue);
      }
    });

    it(`${model.name}: primary key, uniques, indexes and foreign keys match`, () => {
      const table = tableOf(model);
      const expected = dmmf.indexes
        .filter((i) => i.model === model.name)
        .map((i) => ({ kind: i.type === "id" ? "primary" : i.type === "unique" ? "unique" : "normal", columns: i.fields.map((f) => columnOf(model, f.name)).join(",") }));
      const actual = indexes
        .filter((i) => i.table === table && !i.exclusion && !SQL_ONLY_INDEXES.has(i.name))
        .map((i) => ({ kind: i.primary ? "primary" : i.unique ? "unique" : "normal", columns: i.columns.join(",") }));
      const key = (x: { kind: string; columns: string }) => `${x.kind}:${x.columns}`;
      expect(actual.map(key).sort(), table).toEqual(expected.map(key).sort());

      const expectedFks = model.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const target = modelByName.get(f.type)!;
          return `${f.relationFromFields!.map((n) => columnOf(model, n)).join(",")}->${tableOf(target)}(${f.relationToFields!.map((n) => columnOf(target, n)).join(",")}) ON DELETE ${f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")}`;
        });
      const actualFks = fks.filter((k) => k.table === table).map((k) => `${k.columns.join(",")}->${k.refTable}(${k.refColumns.join(",")}) ON DELETE ${k.onDelete}`);
      expect(actualFks.sort(), table).toEqual(expectedFks.sort());
    });
  }
});
