import "server-only";
import { ActionError, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { CommuneSettingsInput } from "./schemas";
import { checkHorizon, requireCommuneInScope } from "./service";
import { onDate, validOn } from "@/lib/db/periods";

// Commune settings (staffing norm, border flag) are effective-dated like everything else: a change from
// a date ends the setting in force and starts a new one, so figures before that date do not move.


export type CommuneSettings = {
  staffingNorm: number;
  isBorder: boolean;
  inProgramme: boolean | null;
  phaseId: number | null;
  since: IsoDate | null;
  version: number;
};
export type PhaseOption = { id: number; label: string };

export async function getCommuneSettings(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<CommuneSettings> {
  await assertInScope(viewer, communeId, asOf);
  const day = new Date(`${asOf}T00:00:00Z`);
  const s = await getDb().communeSetting.findFirst({
    where: { communeId, AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: day } }] }, { OR: [{ validTo: null }, { validTo: { gt: day } }] }] },
  });
  const phase = await getDb().planCommune.findFirst({
    where: { communeId, phaseId: { not: null } },
    orderBy: { plan: { issuedOn: "desc" } },
    select: { phaseId: true },
  });
  const base = { phaseId: phase?.phaseId ?? null };
  return s
    ? { ...base, staffingNorm: s.staffingNorm, isBorder: s.isBorder, inProgramme: s.inProgramme, since: s.validFrom ? toIsoDate(s.validFrom) : null, version: s.version }
    : { ...base, staffingNorm: 5, isBorder: false, inProgramme: null, since: null, version: 0 };
}

/** The rollout phases of the commune's province (on today's map), for the settings form. */
export async function listPhasesForCommune(viewer: Viewer, communeId: number): Promise<PhaseOption[]> {
  const today = todayInVietnam();
  await assertInScope(viewer, communeId, today);
  const rows = await getDb().$queryRaw<{ id: number; name: string; plan: string; start_date: Date }[]>`
    WITH RECURSIVE up AS (
      SELECT v.unit_id, v.parent_id FROM unit_version v
      WHERE v.unit_id = ${communeId} AND ${validOn("v", onDate(today))}
      UNION ALL
      SELECT v.unit_id, v.parent_id FROM unit_version v JOIN up ON v.unit_id = up.parent_id
      WHERE ${validOn("v", onDate(today))}
    )
    SELECT ph.id, ph.name, p.code AS plan, ph.start_date FROM rollout_phase ph JOIN rollout_plan p ON p.id = ph.plan_id
    WHERE ph.province_id IN (SELECT unit_id FROM up) ORDER BY p.issued_on, ph.ordinal`;
  return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.plan}, ${toIsoDate(r.start_date).split("-").reverse().join("/")})` }));
}

export async function changeCommuneSettings(input: CommuneSettingsInput, viewer: Viewer): Promise<ActionResult<{ communeId: number }>> {
  checkHorizon(input.effectiveFrom, "effectiveFrom");
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
      data: {
        communeId: input.communeId,
        validFrom: from,
        staffingNorm: input.staffingNorm,
        isBorder: input.isBorder,
        inProgramme: input.inProgramme,
        version: (open?.version ?? 0) + 1,
      },
    });
    let phaseChange: { before: number | null; after: number } | null = null;
    if (input.phaseId !== null) {
      // the phase must be one of the commune's province's phases
      const phases = await listPhasesForCommune(viewer, input.communeId);
      if (!phases.some((p) => p.id === input.phaseId)) throw new ActionError("Giai đoạn không thuộc tỉnh của xã này.", { fieldErrors: { phaseId: ["Chọn giai đoạn của tỉnh."] } });
      const phase = await tx.rolloutPhase.findUniqueOrThrow({ where: { id: input.phaseId } });
      const existing = await tx.planCommune.findUnique({ where: { planId_communeId: { planId: phase.planId, communeId: input.communeId } } });
      if (existing?.phaseId !== phase.id) {
        await tx.planCommune.upsert({
          where: { planId_communeId: { planId: phase.planId, communeId: input.communeId } },
          create: { planId: phase.planId, communeId: input.communeId, phaseId: phase.id },
          update: { phaseId: phase.id },
        });
        phaseChange = { before: existing?.phaseId ?? null, after: phase.id };
      }
    }
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: input.communeId,
      entity: "commune_setting",
      entityId: created.id,
      action: "update",
      before: open ? { ...open, phaseId: phaseChange?.before } : null,
      after: { ...created, phaseId: phaseChange?.after },
    });
  });
  return { ok: true, data: { communeId: input.communeId }, message: "Đã lưu thiết lập của xã." };
}
