import "server-only";
import { ActionError, forbidden, NOT_IN_SCOPE, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { checkHorizon } from "@/lib/staffing/service";
import { findUnitByCode } from "@/lib/units/queries";
import { INDICATORS } from "./indicators";
import type { CreateTargetInput, TargetProgressInput } from "./schemas";

// Targets are set by provincial HQ (for the province or its districts and communes) and by the ministry; a
// dated running total ("991.830 by 14/05/2021") can be reported against a target by anyone who may see it
// and enters data (district, province). Both are audited.

export const TARGET_SETTERS: Viewer["role"][] = ["PROVINCE", "MINISTRY"];
export const PROGRESS_REPORTERS: Viewer["role"][] = ["DISTRICT", "PROVINCE", "MINISTRY"];

export async function createTarget(input: CreateTargetInput, viewer: Viewer): Promise<ActionResult<{ targetId: number }>> {
  if (!TARGET_SETTERS.includes(viewer.role)) throw forbidden("Chỉ Công an tỉnh và Bộ đặt chỉ tiêu.");
  const unit = await findUnitByCode(input.unit, todayInVietnam());
  if (!unit || !(await isUnitInScope(viewer, unit.id, unit.seenOn))) throw new ActionError(NOT_IN_SCOPE, { notFound: true, fieldErrors: { unit: [NOT_IN_SCOPE] } });
  const indicator = INDICATORS.find((i) => i.key === input.indicator)!.enum;
  const target = await getDb().$transaction(async (tx) => {
    const created = await tx.resultTarget.create({
      data: { unitId: unit.id, indicator, title: input.title, periodStart: new Date(`${input.periodStart}T00:00:00Z`), dueDate: new Date(`${input.dueDate}T00:00:00Z`), target: input.target },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: unit.id, entity: "result_target", entityId: created.id, action: "create", after: created });
    return created;
  });
  return { ok: true, data: { targetId: target.id }, message: `Đã đặt chỉ tiêu “${target.title}” cho ${unit.name}.` };
}

export async function reportTargetProgress(input: TargetProgressInput, viewer: Viewer): Promise<ActionResult<{ targetId: number }>> {
  if (!PROGRESS_REPORTERS.includes(viewer.role)) throw forbidden();
  checkHorizon(input.reportedOn, "reportedOn");
  if (input.reportedOn > todayInVietnam()) throw new ActionError("Không báo cáo tiến độ cho ngày chưa đến.", { fieldErrors: { reportedOn: ["Ngày chưa đến."] } });
  const target = await getDb().resultTarget.findUnique({ where: { id: input.targetId } });
  if (!target || !(await isUnitInScope(viewer, target.unitId, todayInVietnam()))) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  await getDb().$transaction(async (tx) => {
    const day = new Date(`${input.reportedOn}T00:00:00Z`);
    const before = await tx.targetProgress.findUnique({ where: { targetId_reportedOn: { targetId: target.id, reportedOn: day } } });
    const after = await tx.targetProgress.upsert({
      where: { targetId_reportedOn: { targetId: target.id, reportedOn: day } },
      create: { targetId: target.id, reportedOn: day, value: input.value, note: input.note },
      update: { value: input.value, note: input.note },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: target.unitId, entity: "result_target", entityId: target.id, action: "progress", before, after });
  });
  return { ok: true, data: { targetId: target.id }, message: "Đã ghi tiến độ thực hiện chỉ tiêu." };
}
