import "server-only";
import { ActionError, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { addDays, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { CommuneSettingsInput } from "./schemas";
import { requireCommuneInScope } from "./service";

// Commune settings (staffing norm, border flag) are effective-dated like everything else: a change from
// a date ends the setting in force and starts a new one, so figures before that date do not move.


export type CommuneSettings = { staffingNorm: number; isBorder: boolean; since: IsoDate | null; version: number };

export async function getCommuneSettings(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<CommuneSettings> {
  await assertInScope(viewer, communeId, asOf);
  const day = new Date(`${asOf}T00:00:00Z`);
  const s = await getDb().communeSetting.findFirst({
    where: { communeId, AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: day } }] }, { OR: [{ validTo: null }, { validTo: { gt: day } }] }] },
  });
  return s
    ? { staffingNorm: s.staffingNorm, isBorder: s.isBorder, since: s.validFrom ? toIsoDate(s.validFrom) : null, version: s.version }
    : { staffingNorm: 5, isBorder: false, since: null, version: 0 };
}

export async function changeCommuneSettings(input: CommuneSettingsInput, viewer: Viewer): Promise<ActionResult<{ communeId: number }>> {
  const latest = addDays(todayInVietnam(), env().MAX_FUTURE_DAYS);
  if (input.effectiveFrom > latest) throw new ActionError("Ngày áp dụng quá xa trong tương lai.", { fieldErrors: { effectiveFrom: ["Ngày áp dụng quá xa trong tương lai."] } });
  await requireCommuneInScope(viewer, input.communeId, input.effectiveFrom);
  const from = new Date(`${input.effectiveFrom}T00:00:00Z`);
  await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM unit WHERE id = ${input.communeId} FOR UPDATE`;
    const open = await tx.communeSetting.findFirst({ where: { communeId: input.communeId, validTo: null } });
    if ((open?.version ?? 0) !== input.version) throw new ActionError(STALE_VERSION, { conflict: true });
    if (open?.validFrom && open.validFrom >= from) {
      throw new ActionError("Ngày áp dụng phải sau ngày áp dụng của thiết lập hiện hành.", {
        fieldErrors: { effectiveFrom: [`Phải sau ${toIsoDate(open.validFrom).split("-").reverse().join("/")}.`] },
      });
    }
    if (open) await tx.communeSetting.update({ where: { id: open.id }, data: { validTo: from, version: { increment: 1 } } });
    const created = await tx.communeSetting.create({
      data: { communeId: input.communeId, validFrom: from, staffingNorm: input.staffingNorm, isBorder: input.isBorder, version: (open?.version ?? 0) + 1 },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "commune_setting", entityId: created.id, action: "update", before: open, after: created });
  });
  return { ok: true, data: { communeId: input.communeId }, message: "Đã lưu thiết lập của xã." };
}
