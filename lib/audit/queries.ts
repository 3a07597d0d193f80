import "server-only";
import { z } from "zod";
import { isNationwide } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { parseDateInput, todayInVietnam, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { onDate, validOn } from "@/lib/db/periods";

/** What the audit log records changes to (the filter on the audit page). */
export const AUDIT_ENTITIES = ["officer", "assignment", "party_cell", "commune_setting", "committee_membership", "api_token", "monthly_return", "commune_facility", "criteria_set", "assessment", "result_target", "app_user", "role_policy", "unit_reform"] as const;

export const AuditFilterSchema = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
  entityId: z.string().regex(/^\d{1,12}$/).optional().catch(undefined),
  unit: z.string().regex(/^\d{2,5}$/).optional().catch(undefined),
  importId: z.string().uuid().optional().catch(undefined),
  /** an officer and all of their assignments */
  officer: z.string().regex(/^\d{1,9}$/).optional().catch(undefined),
  user: z.string().trim().max(64).optional().catch(undefined),
  from: z.string().optional().transform((v) => (v ? parseDateInput(v) : null)).catch(null),
  to: z.string().optional().transform((v) => (v ? parseDateInput(v) : null)).catch(null),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export type AuditRow = {
  id: number;
  at: Date;
  username: string | null;
  displayName: string | null;
  unitCode: string | null;
  unitName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  importId: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * Audit records about units in the viewer's scope (records are tagged with the commune they concern),
 * newest first, filtered by entity, unit (and everything under it), user and date range.
 */
export async function listAudit(viewer: Viewer, f: Partial<AuditFilter>): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  const today: IsoDate = todayInVietnam();
  const root = isNationwide(viewer) ? null : viewer.unitId;
  const page = f.page ?? 1;
  const rows = await getDb().$queryRaw<AuditRow[]>`
    WITH RECURSIVE v AS (
      SELECT uv.unit_id, uv.parent_id, uv.name FROM unit_version uv
      WHERE ${validOn("uv", onDate(today))}
    ), scope AS (
      SELECT unit_id FROM v WHERE unit_id = ${root}::int
      UNION
      SELECT v.unit_id FROM v JOIN scope ON v.parent_id = scope.unit_id
    ), filter_unit AS (
      SELECT unit_id FROM v WHERE unit_id = (SELECT id FROM unit WHERE code = ${f.unit ?? ""} ORDER BY valid_from DESC NULLS LAST LIMIT 1)
      UNION
      SELECT v.unit_id FROM v JOIN filter_unit ON v.parent_id = filter_unit.unit_id
    )
    SELECT a.id, a.at, u.username, u.display_name AS "displayName", un.code AS "unitCode", uv.name AS "unitName",
           a.entity, a.entity_id AS "entityId", a.action, a.before, a.after, a.import_id AS "importId"
    FROM audit_log a
    LEFT JOIN app_user u ON u.id = a.user_id
    LEFT JOIN unit un ON un.id = a.unit_id
    LEFT JOIN v uv ON uv.unit_id = a.unit_id
    WHERE (${root}::int IS NULL OR a.unit_id IN (SELECT unit_id FROM scope))
      AND (${f.entity ?? ""} = '' OR a.entity = ${f.entity ?? ""})
      AND (${f.entityId ?? ""} = '' OR a.entity_id = ${f.entityId ?? ""})
      AND (${f.unit ?? ""} = '' OR a.unit_id IN (SELECT unit_id FROM filter_unit))
      AND (${f.officer ?? ""} = '' OR (a.entity = 'officer' AND a.entity_id = ${f.officer ?? ""})
           OR (a.entity = 'assignment' AND a.entity_id IN (SELECT id::text FROM assignment WHERE officer_id = ${Number(f.officer ?? 0)})))
      AND (${f.importId ?? ""} = '' OR a.import_id = ${f.importId ?? ""})
      AND (${f.user ?? ""} = '' OR u.username = ${(f.user ?? "").toLowerCase()})
      AND (${f.from ?? null}::date IS NULL OR a.at >= (${f.from ?? null}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
      AND (${f.to ?? null}::date IS NULL OR a.at < ((${f.to ?? null}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))
    ORDER BY a.at DESC, a.id DESC
    LIMIT ${AUDIT_PAGE_SIZE + 1} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`;
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The fields that differ between before and after, for a readable "what changed" column. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { field: string; from: unknown; to: unknown }[] {
  const ignore = new Set(["id", "version", "updatedAt", "createdAt", "searchName"]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => !ignore.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .map((k) => ({ field: k, from: before?.[k] ?? null, to: after?.[k] ?? null }));
}
