import "server-only";
import { ActionError, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { checkHorizon, requireCommuneInScope } from "@/lib/staffing/service";
import type { EquipmentName, FacilityInput, HqStatusName } from "./schemas";

// A commune police's headquarters status and equipment, effective-dated: a change from a date ends the
// record in force and starts a new one, so "as of" any past date the app shows what was true then.

export type Facility = { hqStatus: HqStatusName | null; equipment: EquipmentName[]; note: string | null; since: IsoDate | null; version: number };
export type FacilityHistory = { from: IsoDate; to: IsoDate | null; hqStatus: HqStatusName; equipment: EquipmentName[]; note: string | null }[];

export async function getFacility(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<{ current: Facility; history: FacilityHistory }> {
  await assertInScope(viewer, communeId, asOf);
  const rows = await getDb().communeFacility.findMany({ where: { communeId }, orderBy: { validFrom: "desc" } });
  const day = new Date(`${asOf}T00:00:00Z`);
  const on = rows.find((r) => r.validFrom <= day && (!r.validTo || r.validTo > day));
  const open = rows.find((r) => r.validTo === null);
  return {
    current: on
      ? { hqStatus: on.hqStatus, equipment: on.equipment, note: on.note, since: toIsoDate(on.validFrom), version: open?.version ?? 0 }
      : { hqStatus: null, equipment: [], note: null, since: null, version: open?.version ?? 0 },
    history: rows.map((r) => ({ from: toIsoDate(r.validFrom), to: r.validTo ? toIsoDate(r.validTo) : null, hqStatus: r.hqStatus, equipment: r.equipment, note: r.note })),
  };
}

export async function changeFacility(input: FacilityInput, viewer: Viewer): Promise<ActionResult<{ communeId: number }>> {
  checkHorizon(input.effectiveFrom, "effectiveFrom");
  await requireCommuneInScope(viewer, input.communeId, input.effectiveFrom);
  const from = new Date(`${input.effectiveFrom}T00:00:00Z`);
  await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM unit WHERE id = ${input.communeId} FOR UPDATE`;
    const open = await tx.communeFacility.findFirst({ where: { communeId: input.communeId, validTo: null } });
    if ((open?.version ?? 0) !== input.version) throw new ActionError(STALE_VERSION, { conflict: true });
    if (open && open.validFrom >= from) {
      throw new ActionError("Ngày áp dụng phải sau ngày áp dụng của thông tin hiện hành.", {
        fieldErrors: { effectiveFrom: [`Phải sau ${toIsoDate(open.validFrom).split("-").reverse().join("/")}.`] },
      });
    }
    if (open) await tx.communeFacility.update({ where: { id: open.id }, data: { validTo: from, version: { increment: 1 } } });
    const created = await tx.communeFacility.create({
      data: { communeId: input.communeId, validFrom: from, hqStatus: input.hqStatus, equipment: input.equipment, note: input.note, version: (open?.version ?? 0) + 1 },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "commune_facility", entityId: created.id, action: open ? "update" : "create", before: open, after: created });
  });
  return { ok: true, data: { communeId: input.communeId }, message: "Đã lưu thông tin trụ sở và trang thiết bị." };
}
