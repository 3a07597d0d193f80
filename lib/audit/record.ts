import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  userId: number | null;
  unitId: number | null;
  entity: "officer" | "assignment" | "party_cell" | "commune_setting" | "committee_membership" | "api_token" | "monthly_return" | "commune_facility" | "criteria_set" | "assessment" | "result_target" | "app_user" | "role_policy";
  entityId: number | string;
  action: string;
  before?: unknown;
  after?: unknown;
  importId?: string | null;
};

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/** Writes an audit record inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: e.userId !== null && e.userId > 0 ? e.userId : null,
      unitId: e.unitId,
      entity: e.entity,
      entityId: String(e.entityId),
      action: e.action,
      before: json(e.before),
      after: json(e.after),
      importId: e.importId ?? null,
    },
  });
}
