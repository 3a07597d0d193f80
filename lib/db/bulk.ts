// Bulk writes for seeds and imports: typed INSERT … SELECT FROM unnest, and ids reserved ahead of inserts.
import type pg from "pg";

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/**
 * Inserts rows with one `INSERT ... SELECT FROM unnest(...)` per chunk: fast and typed.
 * A column whose type ends in "[]" takes JS arrays (sent as array literals, since unnest would
 * flatten a 2-D array).
 */
export async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: readonly (readonly [name: string, pgType: string])[],
  rows: readonly (readonly unknown[])[],
  chunk = 20_000,
): Promise<void> {
  const isArray = columns.map(([, t]) => t.endsWith("[]"));
  const cols = columns.map(([n]) => `"${n}"`).join(", ");
  const params = columns.map(([, t], i) => `$${i + 1}::${isArray[i] ? "text" : t}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map(([, t], i) => (isArray[i] ? `c${i}::${t}` : `c${i}`)).join(", ");
  const sql = `INSERT INTO "${table}" (${cols}) SELECT ${select} FROM unnest(${params}) AS u(${aliases.join(", ")})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const arrays = columns.map((_, ci) =>
      slice.map((row) => {
        const v = row[ci] ?? null;
        return isArray[ci] && Array.isArray(v) ? arrayLiteral(v as string[]) : v;
      }),
    );
    await client.query(sql, arrays);
  }
}

/** Reserves `count` ids from a table's serial sequence, so rows can reference each other before insert. */
export async function reserveIds(client: pg.ClientBase, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const r = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`,
    [`"${table}"`, count],
  );
  return r.rows.map((row) => row.id);
}
