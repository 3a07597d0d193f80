// Runs a roster import on a pg client: the dry run and the commit are the same code in one transaction,
// with a savepoint per row so each row's problem is reported against that row; the transaction is
// committed only when asked and only when no row has an error ("all or nothing"). Importing the same
// file twice changes nothing the second time. Every change is audited with the import's id.
// Used by the web import (app/api/import) and the CLI (scripts/import.ts); no Next.js imports here.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { todayInVietnam } from "@/lib/dates";
import { constraintMessage } from "@/lib/db/constraint-messages";
import { foldVietnamese } from "@/lib/text/fold";
import type { Sheet } from "./read";
import { parseRoster, type RosterRow, type RowError } from "./roster";

export type ImportActor = { id: number | null; role: "DISTRICT" | "PROVINCE" | "MINISTRY" | "ADMIN"; unitId: number | null };

export type ImportReport = {
  importId: string;
  committed: boolean;
  totalRows: number;
  officers: { created: number; updated: number; unchanged: number };
  assignments: { created: number; updated: number; unchanged: number };
  errors: RowError[];
  fileError?: string;
};

type OfficerRow = {
  id: number;
  officer_number: string;
  full_name: string;
  rank: string;
  gender: string;
  birth_date: string | null;
  ethnicity: string | null;
  party_member: boolean;
  party_joined_on: string | null;
  latest_commune: number | null;
};

const emptyReport = (importId: string, totalRows: number): ImportReport => ({
  importId,
  committed: false,
  totalRows,
  officers: { created: 0, updated: 0, unchanged: 0 },
  assignments: { created: 0, updated: 0, unchanged: 0 },
  errors: [],
});

export async function importRoster(
  client: pg.ClientBase,
  actor: ImportActor,
  sheet: Sheet,
  opts: { commit: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const importId = randomUUID();
  const report = emptyReport(importId, sheet.rows.length);
  if (!(actor.role === "DISTRICT" || actor.role === "PROVINCE") || actor.unitId === null) {
    return { ...report, fileError: "Tài khoản của bạn không có quyền nhập dữ liệu." };
  }
  const parsed = parseRoster(sheet);
  if (parsed.fileError) return { ...report, fileError: parsed.fileError };
  report.errors.push(...parsed.errors);

  const today = todayInVietnam();
  // communes the actor may write to, on today's map
  const scope = await client.query<{ id: number; code: string }>(
    `WITH RECURSIVE v AS (
       SELECT uv.unit_id, uv.parent_id FROM unit_version uv
       WHERE (uv.valid_from IS NULL OR uv.valid_from <= $2::date) AND (uv.valid_to IS NULL OR uv.valid_to > $2::date)
     ), tree AS (
       SELECT unit_id FROM v WHERE unit_id = $1
       UNION ALL SELECT v.unit_id FROM v JOIN tree ON v.parent_id = tree.unit_id
     )
     SELECT u.id, u.code FROM tree JOIN unit u ON u.id = tree.unit_id AND u.level = 'COMMUNE'`,
    [actor.unitId, today],
  );
  const communeByCode = new Map(scope.rows.map((r) => [r.code, r.id]));
  const scopeIds = new Set(scope.rows.map((r) => r.id));
  const unknownCodes = new Set(
    (
      await client.query<{ code: string }>(
        `SELECT c AS code FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.code = c AND u.level = 'COMMUNE')`,
        [[...new Set(parsed.rows.map((r) => r.communeCode))]],
      )
    ).rows.map((r) => r.code),
  );

  const audit = (unitId: number | null, entity: string, entityId: number, action: string, before: unknown, after: unknown) =>
    client.query(
      `INSERT INTO audit_log (user_id, unit_id, entity, entity_id, action, before, after, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.id !== null && actor.id > 0 ? actor.id : null, unitId, entity, String(entityId), action, before ? JSON.stringify(before) : null, after ? JSON.stringify(after) : null, importId],
    );

  await client.query("BEGIN");
  try {
    const existing = await client.query<OfficerRow>(
      `SELECT o.id, o.officer_number, o.full_name, o.rank::text, o.gender::text, o.birth_date::text, o.ethnicity, o.party_member, o.party_joined_on::text,
              (SELECT a.commune_id FROM assignment a WHERE a.officer_id = o.id ORDER BY a.start_date DESC LIMIT 1) AS latest_commune
       FROM officer o WHERE o.officer_number = ANY($1::text[]) FOR UPDATE`,
      [[...new Set(parsed.rows.map((r) => r.officerNumber))]],
    );
    const officers = new Map(existing.rows.map((o) => [o.officer_number, o]));
    const touched = new Set<string>();
    const badOfficers = new Set<string>();
    const rows = [...parsed.rows].sort((a, b) => a.officerNumber.localeCompare(b.officerNumber) || a.startDate.localeCompare(b.startDate));

    let done = 0;
    for (const row of rows) {
      done++;
      if (done % 1000 === 0) opts.onProgress?.(done, rows.length);
      const fail = (column: string, message: string) => report.errors.push({ row: row.rowNumber, column, message });
      const communeId = communeByCode.get(row.communeCode);
      if (communeId === undefined) {
        fail("Mã xã", unknownCodes.has(row.communeCode) ? `Mã xã ${row.communeCode} không tồn tại.` : `Xã ${row.communeCode} không thuộc phạm vi quản lý của tài khoản.`);
        continue;
      }
      if (badOfficers.has(row.officerNumber)) continue;
      await client.query("SAVEPOINT row_sp");
      try {
        const officerId = await upsertOfficer(row, communeId);
        if (officerId !== null) await upsertAssignment(row, officerId, communeId);
        await client.query("RELEASE SAVEPOINT row_sp");
      } catch (err) {
        await client.query("ROLLBACK TO SAVEPOINT row_sp");
        const known = constraintMessage(err);
        if (!known) throw err;
        fail("", known);
      }
    }

    async function upsertOfficer(row: RosterRow, communeId: number): Promise<number | null> {
      const fields = {
        fullName: row.fullName,
        rank: row.rank,
        gender: row.gender,
        birthDate: row.birthDate,
        ethnicity: row.ethnicity,
        partyMember: row.partyMember,
        partyJoinedOn: row.partyJoinedOn,
      };
      const o = officers.get(row.officerNumber);
      if (!o) {
        const r = await client.query<{ id: number }>(
          `INSERT INTO officer (officer_number, full_name, search_name, rank, gender, birth_date, ethnicity, party_member, party_joined_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [row.officerNumber, row.fullName, foldVietnamese(row.fullName), row.rank, row.gender, row.birthDate, row.ethnicity, row.partyMember, row.partyJoinedOn],
        );
        const id = r.rows[0]!.id;
        officers.set(row.officerNumber, { id, officer_number: row.officerNumber, full_name: row.fullName, rank: row.rank, gender: row.gender, birth_date: row.birthDate, ethnicity: row.ethnicity, party_member: row.partyMember, party_joined_on: row.partyJoinedOn, latest_commune: communeId });
        touched.add(row.officerNumber);
        report.officers.created++;
        await audit(communeId, "officer", id, "create", null, { officerNumber: row.officerNumber, ...fields });
        return id;
      }
      if (touched.has(row.officerNumber)) return o.id;
      touched.add(row.officerNumber);
      if (o.full_name !== row.fullName) {
        badOfficers.add(row.officerNumber);
        report.errors.push({ row: row.rowNumber, column: "Họ và tên", message: `Số hiệu ${row.officerNumber} đã thuộc cán bộ "${o.full_name}" trong hệ thống, khác với "${row.fullName}".` });
        return null;
      }
      if (o.latest_commune !== null && !scopeIds.has(o.latest_commune)) {
        badOfficers.add(row.officerNumber);
        report.errors.push({ row: row.rowNumber, column: "Số hiệu", message: `Cán bộ số hiệu ${row.officerNumber} đang thuộc đơn vị khác, ngoài phạm vi quản lý của tài khoản.` });
        return null;
      }
      const before = { fullName: o.full_name, rank: o.rank, gender: o.gender, birthDate: o.birth_date, ethnicity: o.ethnicity, partyMember: o.party_member, partyJoinedOn: o.party_joined_on };
      if (JSON.stringify(before) === JSON.stringify(fields)) {
        report.officers.unchanged++;
        return o.id;
      }
      await client.query(
        `UPDATE officer SET rank = $2, gender = $3, birth_date = $4, ethnicity = $5, party_member = $6, party_joined_on = $7, version = version + 1, updated_at = now() WHERE id = $1`,
        [o.id, row.rank, row.gender, row.birthDate, row.ethnicity, row.partyMember, row.partyJoinedOn],
      );
      report.officers.updated++;
      await audit(communeId, "officer", o.id, "update", before, fields);
      return o.id;
    }

    async function upsertAssignment(row: RosterRow, officerId: number, communeId: number) {
      const found = await client.query<{ id: number; post: string; end_date: string | null; end_reason: string | null }>(
        `SELECT id, post::text, end_date::text, end_reason::text FROM assignment WHERE officer_id = $1 AND commune_id = $2 AND start_date = $3`,
        [officerId, communeId, row.startDate],
      );
      const after = { communeCode: row.communeCode, post: row.post, startDate: row.startDate, endDate: row.endDate, endReason: row.endReason };
      const a = found.rows[0];
      if (a) {
        if (a.post === row.post && a.end_date === row.endDate && a.end_reason === row.endReason) {
          report.assignments.unchanged++;
          return;
        }
        await client.query(`UPDATE assignment SET post = $2, end_date = $3, end_reason = $4, version = version + 1 WHERE id = $1`, [a.id, row.post, row.endDate, row.endReason]);
        report.assignments.updated++;
        await audit(communeId, "assignment", a.id, "update", { post: a.post, endDate: a.end_date, endReason: a.end_reason }, after);
        return;
      }
      const r = await client.query<{ id: number }>(
        `INSERT INTO assignment (officer_id, commune_id, post, start_date, end_date, end_reason, previous_id)
         VALUES ($1, $2, $3, $4, $5, $6,
           (SELECT p.id FROM assignment p WHERE p.officer_id = $1 AND p.end_date = $4 AND p.end_reason = 'TRANSFER'
              AND NOT EXISTS (SELECT 1 FROM assignment n WHERE n.previous_id = p.id) LIMIT 1))
         RETURNING id`,
        [officerId, communeId, row.post, row.startDate, row.endDate, row.endReason],
      );
      report.assignments.created++;
      await audit(communeId, "assignment", r.rows[0]!.id, "assign", null, after);
    }

    report.errors.sort((x, y) => x.row - y.row);
    if (opts.commit && report.errors.length === 0) {
      await client.query("COMMIT");
      report.committed = true;
    } else {
      await client.query("ROLLBACK");
    }
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
  opts.onProgress?.(report.totalRows, report.totalRows);
  return report;
}
