import "server-only";
import { ActionError, forbidden, NOT_IN_SCOPE, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { getUnitPath } from "@/lib/units/queries";
import { checkHorizon, requireCommuneInScope } from "@/lib/staffing/service";
import type { AssessInput, CreateSetInput } from "./schemas";

// Criteria sets are configured by admins; communes are assessed once a year per set by the district or the
// province. A unit achieves a set when its weighted score reaches the pass mark and every required criterion
// is met (lib/criteria/queries.ts computes it, in SQL, from the stored results).

export async function createSet(input: CreateSetInput, viewer: Viewer): Promise<ActionResult<{ setId: number }>> {
  if (viewer.role !== "ADMIN") throw forbidden("Chỉ quản trị hệ thống tạo bộ tiêu chí.");
  const db = getDb();
  let scopeUnitId: number | null = null;
  if (input.scopeUnit) {
    const unit = await db.unit.findFirst({ where: { code: input.scopeUnit, validTo: null, level: { in: ["PROVINCE", "DISTRICT"] } }, select: { id: true } });
    if (!unit) throw new ActionError("Không có tỉnh hoặc huyện với mã này.", { fieldErrors: { scopeUnit: ["Không có tỉnh hoặc huyện với mã này."] } });
    scopeUnitId = unit.id;
  }
  const set = await db.$transaction(async (tx) => {
    const created = await tx.criteriaSet.create({
      data: {
        name: input.name,
        description: input.description,
        scopeUnitId,
        appliesTo: input.appliesTo,
        targetYear: input.targetYear,
        passMark: input.passMark,
        criteria: { create: input.criteria.map((c, i) => ({ ordinal: i + 1, name: c.name, weight: c.weight, required: c.required })) },
      },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: scopeUnitId, entity: "criteria_set", entityId: created.id, action: "create", after: input });
    return created;
  });
  return { ok: true, data: { setId: set.id }, message: `Đã tạo bộ tiêu chí “${set.name}”.` };
}

/** A set applies to a commune when the commune is of one of its types and lies under its scope unit (if any). */
async function requireApplicable(setId: number, communeId: number, on: IsoDate) {
  const set = await getDb().criteriaSet.findUnique({ where: { id: setId }, include: { criteria: { select: { id: true } } } });
  if (!set) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  const path = await getUnitPath(communeId, on);
  const commune = path.at(-1);
  const type = commune ? (await getDb().unitVersion.findFirst({ where: { unitId: communeId, OR: [{ validFrom: null }, { validFrom: { lte: new Date(`${on}T00:00:00Z`) } }], AND: [{ OR: [{ validTo: null }, { validTo: { gt: new Date(`${on}T00:00:00Z`) } }] }] }, select: { type: true } }))?.type : undefined;
  if (!type || !set.appliesTo.includes(type) || (set.scopeUnitId !== null && !path.some((u) => u.id === set.scopeUnitId))) {
    throw new ActionError("Bộ tiêu chí này không áp dụng cho đơn vị này.", { notFound: true });
  }
  return set;
}

/** Records (or corrects) a commune's assessment for a year: which criteria it met. */
export async function assess(input: AssessInput, viewer: Viewer): Promise<ActionResult<{ assessmentId: number }>> {
  if (viewer.role !== "DISTRICT" && viewer.role !== "PROVINCE") throw forbidden();
  checkHorizon(input.assessedOn, "assessedOn");
  if (input.year > Number(todayInVietnam().slice(0, 4))) throw new ActionError("Chưa đánh giá được năm chưa bắt đầu.", { fieldErrors: { year: ["Năm chưa bắt đầu."] } });
  await requireCommuneInScope(viewer, input.communeId, input.assessedOn);
  const set = await requireApplicable(input.setId, input.communeId, input.assessedOn);
  const ids = new Set(set.criteria.map((c) => c.id));
  if (input.met.some((id) => !ids.has(id))) throw new ActionError("Có tiêu chí không thuộc bộ tiêu chí này.", { fieldErrors: { met: ["Tiêu chí không hợp lệ."] } });
  const saved = await getDb().$transaction(async (tx) => {
    const before = await tx.assessment.findUnique({ where: { setId_communeId_year: { setId: set.id, communeId: input.communeId, year: input.year } }, include: { results: true } });
    if ((before?.version ?? 0) !== input.version) throw new ActionError(STALE_VERSION, { conflict: true });
    const data = { assessedOn: new Date(`${input.assessedOn}T00:00:00Z`), note: input.note, userId: viewer.id > 0 ? viewer.id : null };
    const a = before
      ? await tx.assessment.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } })
      : await tx.assessment.create({ data: { ...data, setId: set.id, communeId: input.communeId, year: input.year } });
    await tx.assessmentResult.deleteMany({ where: { assessmentId: a.id } });
    await tx.assessmentResult.createMany({ data: [...ids].map((criterionId) => ({ assessmentId: a.id, criterionId, met: input.met.includes(criterionId) })) });
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: input.communeId,
      entity: "assessment",
      entityId: a.id,
      action: before ? "update" : "create",
      before: before ? { year: before.year, met: before.results.filter((r) => r.met).map((r) => r.criterionId) } : null,
      after: { year: input.year, met: input.met, assessedOn: input.assessedOn },
    });
    return a;
  });
  return { ok: true, data: { assessmentId: saved.id }, message: "Đã lưu kết quả đánh giá." };
}
