// What the roster and Party-cell imports share: the actor's communes, the report, and the
// one-transaction / savepoint-per-row / commit-only-when-clean runner.
import { foldVietnamese } from "@/lib/text/fold";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { todayInVietnam } from "@/lib/dates";
import { constraintMessage } from "@/lib/db/constraint-messages";
import type { RowError } from "./roster";
import { validOnText } from "@/lib/db/periods";

export type ImportActor = { id: number | null; role: "DISTRICT" | "PROVINCE" | "MINISTRY" | "ADMIN"; unitId: number | null };
export type Counts = { created: number; updated: number; unchanged: number };
/** How every import is run: a dry run unless `commit`, with progress every 1,000 rows. */
export type ImportOptions = { commit: boolean; onProgress?: (done: number, total: number) => void };
/** The answer to an account that may not import (the ministry, admins). */
export const IMPORT_REFUSED = "Tài khoản của bạn không có quyền nhập dữ liệu.";

export type ImportScope = { communeByCode: Map<string, number>; ids: Set<number>; unknown: (code: string) => boolean };

export function canImport(actor: ImportActor): boolean {
  return (actor.role === "DISTRICT" || actor.role === "PROVINCE") && actor.unitId !== null;
}

/** The communes the actor may write to (today's map), and which of the given codes exist nowhere. */
export async function loadScope(client: pg.ClientBase, actor: ImportActor, codes: string[]): Promise<ImportScope> {
  const rows = await client.query<{ id: number; code: string }>(
    `WITH RECURSIVE v AS (
       SELECT uv.unit_id, uv.parent_id FROM unit_version uv
       WHERE ${validOnText("uv", "$2::date")}
     ), tree AS (
       SELECT unit_id FROM v WHERE unit_id = $1
       UNION ALL SELECT v.unit_id FROM v JOIN tree ON v.parent_id = tree.unit_id
     )
     SELECT u.id, u.code FROM tree JOIN unit u ON u.id = tree.unit_id AND u.level = 'COMMUNE'`,
    [actor.unitId, todayInVietnam()],
  );
  const unknown = new Set(
    (
      await client.query<{ code: string }>(
        `SELECT c AS code FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.code = c AND u.level = 'COMMUNE')`,
        [[...new Set(codes)]],
      )
    ).rows.map((r) => r.code),
  );
  return { communeByCode: new Map(rows.rows.map((r) => [r.code, r.id])), ids: new Set(rows.rows.map((r) => r.id)), unknown: (c) => unknown.has(c) };
}

export function scopeError(scope: ImportScope, code: string): string {
  return scope.unknown(code) ? `Mã xã ${code} không tồn tại.` : `Xã ${code} không thuộc phạm vi quản lý của tài khoản.`;
}

export function newImportId(): string {
  return randomUUID();
}

export function auditWriter(client: pg.ClientBase, actor: ImportActor, importId: string) {
  return (unitId: number | null, entity: string, entityId: number, action: string, before: unknown, after: unknown) =>
    client.query(
      `INSERT INTO audit_log (user_id, unit_id, entity, entity_id, action, before, after, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.id !== null && actor.id > 0 ? actor.id : null, unitId, entity, String(entityId), action, before ? JSON.stringify(before) : null, after ? JSON.stringify(after) : null, importId],
    );
}

/**
 * Runs `apply` for each row inside one transaction, each row in a savepoint: a constraint violation is
 * rolled back alone and reported against its row. Commits only when asked and when no row failed.
 */
export async function inImportTransaction<R extends { rowNumber: number }>(
  client: pg.ClientBase,
  rows: R[],
  errors: RowError[],
  opts: ImportOptions,
  before: () => Promise<void>,
  apply: (row: R) => Promise<void>,
  /** undo in-memory state of a row whose savepoint was rolled back */
  onRollback: (row: R) => void = () => {},
  /**
   * Optional set-based path for a clean file: the same changes in a few statements. It answers false (or
   * hits a constraint) when a row needs the per-row path to be reported against; its writes are then rolled
   * back and every row goes through `apply`, so the outcome and the report are the per-row path's.
   */
  bulk?: () => Promise<boolean>,
): Promise<boolean> {
  await client.query("BEGIN");
  try {
    await before();
    let bulkDone = false;
    if (bulk) {
      await client.query("SAVEPOINT bulk_sp");
      try {
        bulkDone = await bulk();
      } catch (err) {
        if (!constraintMessage(err)) throw err;
      }
      await client.query(bulkDone ? "RELEASE SAVEPOINT bulk_sp" : "ROLLBACK TO SAVEPOINT bulk_sp");
    }
    let done = 0;
    for (const row of bulkDone ? [] : rows) {
      if (++done % 1000 === 0) opts.onProgress?.(done, rows.length);
      await client.query("SAVEPOINT row_sp");
      try {
        await apply(row);
        await client.query("RELEASE SAVEPOINT row_sp");
      } catch (err) {
        await client.query("ROLLBACK TO SAVEPOINT row_sp");
        onRollback(row);
        const known = constraintMessage(err);
        if (!known) throw err;
        errors.push({ row: row.rowNumber, column: "", message: known });
      }
    }
    errors.sort((x, y) => x.row - y.row);
    if (opts.commit && errors.length === 0) {
      await client.query("COMMIT");
      return true;
    }
    await client.query("ROLLBACK");
    return false;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

/**
 * Finds each of `columns` in a file's header row (case and diacritics ignored), and says which required
 * ones are missing: the first check of every import.
 */
export function indexColumns<K extends string>(
  header: string[],
  columns: readonly { key: K; header: string; required: boolean }[],
): { index: Map<K, number>; fileError?: string } {
  const folded = header.map((h) => foldVietnamese(h));
  const index = new Map<K, number>();
  for (const c of columns) {
    const i = folded.indexOf(foldVietnamese(c.header));
    if (i >= 0) index.set(c.key, i);
  }
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  return missing.length ? { index, fileError: `Thiếu cột: ${missing.join(", ")}. Hãy dùng tệp mẫu.` } : { index };
}
