// Runs a roster import on a pg client: the dry run and the commit are the same code in one transaction,
// with a savepoint per row so each row's problem is reported against that row; the transaction is
// committed only when asked and only when no row has an error ("all or nothing"). Importing the same
// file twice changes nothing the second time. Every change is audited with the import's id.
// Used by the web import (app/api/import) and the CLI (scripts/import.ts); no Next.js imports here.
import type pg from "pg";
import { foldVietnamese } from "@/lib/text/fold";
import type { Sheet } from "./read";
import { importCells, isCellSheet, type CellImportReport } from "./cells";
import { importReturns, isReturnSheet, type ReturnImportReport } from "./returns";
import { parseRoster, type RosterRow, type RowError } from "./roster";
import { bulkInsert, reserveIds } from "@/lib/db/bulk";
import { auditWriter, canImport, inImportTransaction, loadScope, newImportId, scopeError, type ImportActor, IMPORT_REFUSED, type ImportOptions } from "./shared";

export type { ImportActor };

export type ImportReport = {
  kind: "roster";
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
  kind: "roster",
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
  opts: ImportOptions,
): Promise<ImportReport> {
  const importId = newImportId();
  const report = emptyReport(importId, sheet.rows.length);
  if (!canImport(actor)) return { ...report, fileError: IMPORT_REFUSED };
  const parsed = parseRoster(sheet);
  if (parsed.fileError) return { ...report, fileError: parsed.fileError };
  report.errors.push(...parsed.errors);

  const scope = await loadScope(client, actor, parsed.rows.map((r) => r.communeCode));
  const audit = auditWriter(client, actor, importId);
  const officers = new Map<string, OfficerRow>();
  const touched = new Set<string>();
  const badOfficers = new Set<string>();
  const createdBy = new Map<string, number>();
  const rows = [...parsed.rows].sort((a, b) => a.officerNumber.localeCompare(b.officerNumber) || a.startDate.localeCompare(b.startDate));

  report.committed = await inImportTransaction(
    client,
    rows,
    report.errors,
    opts,
    async () => {
      const existing = await client.query<OfficerRow>(
        `SELECT o.id, o.officer_number, o.full_name, o.rank::text, o.gender::text, o.birth_date::text, o.ethnicity, o.party_member, o.party_joined_on::text,
                (SELECT a.commune_id FROM assignment a WHERE a.officer_id = o.id ORDER BY a.start_date DESC LIMIT 1) AS latest_commune
         FROM officer o WHERE o.officer_number = ANY($1::text[]) FOR UPDATE`,
        [[...new Set(rows.map((r) => r.officerNumber))]],
      );
      for (const o of existing.rows) officers.set(o.officer_number, o);
    },
    async (row) => {
      const communeId = scope.communeByCode.get(row.communeCode);
      if (communeId === undefined) {
        report.errors.push({ row: row.rowNumber, column: "Mã xã", message: scopeError(scope, row.communeCode) });
        return;
      }
      if (badOfficers.has(row.officerNumber)) return;
      const officerId = await upsertOfficer(row, communeId);
      if (officerId !== null) await upsertAssignment(row, officerId, communeId);
    },
    (row) => {
      // an officer created by the failed row no longer exists: forget it, so later rows do not use its id
      if (createdBy.get(row.officerNumber) === row.rowNumber) {
        officers.delete(row.officerNumber);
        touched.delete(row.officerNumber);
        createdBy.delete(row.officerNumber);
      }
    },
    () => bulkRoster(),
  );
  opts.onProgress?.(report.totalRows, report.totalRows);
  return report;

    /**
     * The whole file in a few statements, when every row is clean: the decisions of upsertOfficer and
     * upsertAssignment below, taken in memory over the officers' current rows, then written in bulk (officers,
     * their updates, assignment updates, new assignments, audit). A row that would be reported (out of scope,
     * another officer's number) sends the file down the per-row path instead; so does a constraint violation.
     */
    async function bulkRoster(): Promise<boolean> {
      if (report.errors.length) return false;
      type Asg = { id: number; officerId: number; communeId: number; start: string; post: string; end: string | null; reason: string | null; linked: boolean };
      const existing = (
        await client.query<{ id: number; officer_id: number; commune_id: number; start_date: string; post: string; end_date: string | null; end_reason: string | null; linked: boolean }>(
          `SELECT a.id, a.officer_id, a.commune_id, a.start_date::text, a.post::text, a.end_date::text, a.end_reason::text,
                  EXISTS (SELECT 1 FROM assignment n WHERE n.previous_id = a.id) AS linked
           FROM assignment a WHERE a.officer_id = ANY($1::int[])`,
          [[...officers.values()].map((o) => o.id)],
        )
      ).rows;
      const byKey = new Map<string, Asg>();
      const byOfficer = new Map<number, Asg[]>();
      const remember = (a: Asg) => {
        byKey.set(`${a.officerId}|${a.communeId}|${a.start}`, a);
        byOfficer.set(a.officerId, [...(byOfficer.get(a.officerId) ?? []), a]);
      };
      for (const a of existing) remember({ id: a.id, officerId: a.officer_id, communeId: a.commune_id, start: a.start_date, post: a.post, end: a.end_date, reason: a.end_reason, linked: a.linked });

      const newNumbers = [...new Set(rows.map((r) => r.officerNumber))].filter((n) => !officers.has(n));
      const officerIds = await reserveIds(client, "officer", newNumbers.length);
      const idOf = new Map(newNumbers.map((n, i) => [n, officerIds[i]!]));
      const assignmentIds = await reserveIds(client, "assignment", rows.length);
      let nextAssignment = 0;
      const seen = new Map<string, number>();
      const counts = { officers: { created: 0, updated: 0, unchanged: 0 }, assignments: { created: 0, updated: 0, unchanged: 0 } };
      const newOfficers: unknown[][] = [];
      const officerUpdates: unknown[][] = [];
      const assignmentUpdates: unknown[][] = [];
      const newAssignments: unknown[][] = [];
      const audits: unknown[][] = [];
      const audit = (unitId: number, entity: string, id: number, action: string, before: unknown, after: unknown) =>
        audits.push([actor.id !== null && actor.id > 0 ? actor.id : null, unitId, entity, String(id), action, before ? JSON.stringify(before) : null, JSON.stringify(after), importId]);

      let done = 0;
      for (const row of rows) {
        if (++done % 1000 === 0) opts.onProgress?.(done, rows.length);
        const communeId = scope.communeByCode.get(row.communeCode);
        if (communeId === undefined) return false;
        const fields = { fullName: row.fullName, rank: row.rank, gender: row.gender, birthDate: row.birthDate, ethnicity: row.ethnicity, partyMember: row.partyMember, partyJoinedOn: row.partyJoinedOn };
        let officerId = seen.get(row.officerNumber);
        if (officerId === undefined) {
          const o = officers.get(row.officerNumber);
          if (!o) {
            officerId = idOf.get(row.officerNumber)!;
            newOfficers.push([officerId, row.officerNumber, row.fullName, foldVietnamese(row.fullName), row.rank, row.gender, row.birthDate, row.ethnicity, row.partyMember, row.partyJoinedOn]);
            counts.officers.created++;
            audit(communeId, "officer", officerId, "create", null, { officerNumber: row.officerNumber, ...fields });
          } else {
            if (o.full_name !== row.fullName || (o.latest_commune !== null && !scope.ids.has(o.latest_commune))) return false;
            officerId = o.id;
            const before = { fullName: o.full_name, rank: o.rank, gender: o.gender, birthDate: o.birth_date, ethnicity: o.ethnicity, partyMember: o.party_member, partyJoinedOn: o.party_joined_on };
            if (JSON.stringify(before) === JSON.stringify(fields)) counts.officers.unchanged++;
            else {
              officerUpdates.push([o.id, row.rank, row.gender, row.birthDate, row.ethnicity, row.partyMember, row.partyJoinedOn]);
              counts.officers.updated++;
              audit(communeId, "officer", o.id, "update", before, fields);
            }
          }
          seen.set(row.officerNumber, officerId);
        }
        const after = { communeCode: row.communeCode, post: row.post, startDate: row.startDate, endDate: row.endDate, endReason: row.endReason };
        const found = byKey.get(`${officerId}|${communeId}|${row.startDate}`);
        if (found) {
          if (found.post === row.post && found.end === row.endDate && found.reason === row.endReason) counts.assignments.unchanged++;
          else {
            audit(communeId, "assignment", found.id, "update", { post: found.post, endDate: found.end, endReason: found.reason }, after);
            Object.assign(found, { post: row.post, end: row.endDate, reason: row.endReason });
            assignmentUpdates.push([found.id, row.post, row.endDate, row.endReason]);
            counts.assignments.updated++;
          }
          continue;
        }
        const previous = (byOfficer.get(officerId) ?? []).find((p) => p.end === row.startDate && p.reason === "TRANSFER" && !p.linked) ?? null;
        if (previous) previous.linked = true;
        const a: Asg = { id: assignmentIds[nextAssignment++]!, officerId, communeId, start: row.startDate, post: row.post, end: row.endDate, reason: row.endReason, linked: false };
        remember(a);
        newAssignments.push([a.id, officerId, communeId, row.post, row.startDate, row.endDate, row.endReason, previous?.id ?? null]);
        counts.assignments.created++;
        audit(communeId, "assignment", a.id, "assign", null, after);
      }

      await bulkInsert(client, "officer",
        [["id", "int"], ["officer_number", "text"], ["full_name", "text"], ["search_name", "text"], ["rank", '"Rank"'], ["gender", '"Gender"'],
         ["birth_date", "date"], ["ethnicity", "text"], ["party_member", "bool"], ["party_joined_on", "date"]], newOfficers);
      if (officerUpdates.length) {
        await client.query(
          `UPDATE officer o SET rank = u.rank, gender = u.gender, birth_date = u.birth_date, ethnicity = u.ethnicity, party_member = u.party_member,
                  party_joined_on = u.party_joined_on, version = o.version + 1, updated_at = now()
           FROM unnest($1::int[], $2::"Rank"[], $3::"Gender"[], $4::date[], $5::text[], $6::bool[], $7::date[])
             AS u(id, rank, gender, birth_date, ethnicity, party_member, party_joined_on)
           WHERE o.id = u.id`,
          [0, 1, 2, 3, 4, 5, 6].map((i) => officerUpdates.map((r) => r[i])),
        );
      }
      if (assignmentUpdates.length) {
        await client.query(
          `UPDATE assignment a SET post = u.post, end_date = u.end_date, end_reason = u.end_reason, version = a.version + 1
           FROM unnest($1::int[], $2::"Post"[], $3::date[], $4::"EndReason"[]) AS u(id, post, end_date, end_reason) WHERE a.id = u.id`,
          [0, 1, 2, 3].map((i) => assignmentUpdates.map((r) => r[i])),
        );
      }
      // ids were reserved in file order, so a new assignment's previous one is inserted before it
      await bulkInsert(client, "assignment",
        [["id", "int"], ["officer_id", "int"], ["commune_id", "int"], ["post", '"Post"'], ["start_date", "date"], ["end_date", "date"], ["end_reason", '"EndReason"'], ["previous_id", "int"]],
        newAssignments, 100_000);
      await bulkInsert(client, "audit_log",
        [["user_id", "int"], ["unit_id", "int"], ["entity", "text"], ["entity_id", "text"], ["action", "text"], ["before", "jsonb"], ["after", "jsonb"], ["import_id", "text"]], audits);
      report.officers = counts.officers;
      report.assignments = counts.assignments;
      return true;
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
        createdBy.set(row.officerNumber, row.rowNumber);
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
      if (o.latest_commune !== null && !scope.ids.has(o.latest_commune)) {
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

}

/**
 * The import a file's header row asks for: a "Ngày thành lập" column means Party cells, "Tháng" with the
 * returns' indicator columns means monthly returns, anything else is a roster.
 */
export async function importFile(
  client: pg.ClientBase,
  actor: ImportActor,
  sheet: Sheet,
  opts: ImportOptions,
): Promise<ImportReport | CellImportReport | ReturnImportReport> {
  if (isReturnSheet(sheet.header)) return importReturns(client, actor, sheet, opts);
  return isCellSheet(sheet.header) ? importCells(client, actor, sheet, opts) : importRoster(client, actor, sheet, opts);
}
