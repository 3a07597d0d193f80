import "server-only";
import { ActionError, NOT_IN_SCOPE, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { isNationwide, isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { addDays, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { foldVietnamese } from "@/lib/text/fold";
import { getUnitPath } from "@/lib/units/queries";
import type { AssignInput, CorrectAssignmentInput, CreateOfficerInput, EndAssignmentInput, TransferInput, UpdateOfficerInput } from "./schemas";

// Staffing writes. Each one re-checks every id it is given against the viewer's scope (a district user
// can only touch communes and officers of their district), runs in one transaction, and writes its
// audit record in that same transaction. History is never overwritten: a transfer ends one assignment
// and starts the next; an edit bumps the row's version so a concurrent edit is refused, not lost.

const day = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

/** Dates may not lie further ahead than MAX_FUTURE_DAYS. */
export function checkHorizon(date: IsoDate, field: string) {
  const latest = addDays(todayInVietnam(), env().MAX_FUTURE_DAYS);
  if (date > latest) {
    throw new ActionError("Ngày quá xa trong tương lai.", {
      fieldErrors: { [field]: [`Ngày không được sau ${latest.split("-").reverse().join("/")}.`] },
    });
  }
}

/** The commune must exist on `date`, be a commune, and lie in the viewer's scope. */
export async function requireCommuneInScope(viewer: Viewer, communeId: number, date: IsoDate): Promise<{ id: number; name: string }> {
  const path = await getUnitPath(communeId, date);
  const unit = path[path.length - 1];
  // the path is the unit and its ancestors on `date`: in scope when the viewer's unit is on it
  const inScope = isNationwide(viewer) || path.some((u) => u.id === viewer.unitId);
  if (!unit || unit.id !== communeId || unit.level !== "COMMUNE" || !inScope) {
    throw new ActionError(NOT_IN_SCOPE, { notFound: true, fieldErrors: { communeId: [NOT_IN_SCOPE] } });
  }
  return { id: unit.id, name: unit.name };
}

/** An officer is in scope when the commune of their latest assignment is (on its last day served). */
export async function requireOfficerInScope(viewer: Viewer, officerId: number): Promise<void> {
  const latest = await getDb().assignment.findFirst({
    where: { officerId },
    orderBy: { startDate: "desc" },
    select: { communeId: true, startDate: true, endDate: true },
  });
  if (!latest) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  const on = latest.endDate ? addDays(toIsoDate(latest.endDate), -1) : todayInVietnam();
  const date = on < toIsoDate(latest.startDate) ? toIsoDate(latest.startDate) : on;
  if (!(await isUnitInScope(viewer, latest.communeId, date))) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
}

/** The assignment, after checking that its officer is in the viewer's scope (404 otherwise). */
async function loadAssignmentInScope(viewer: Viewer, assignmentId: number) {
  const current = await getDb().assignment.findUnique({ where: { id: assignmentId } });
  if (!current) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  await requireOfficerInScope(viewer, current.officerId);
  return current;
}

const officerData = (i: CreateOfficerInput | UpdateOfficerInput) => ({
  officerNumber: i.officerNumber,
  fullName: i.fullName,
  searchName: foldVietnamese(i.fullName),
  rank: i.rank,
  gender: i.gender,
  birthDate: i.birthDate ? day(i.birthDate) : null,
  ethnicity: i.ethnicity,
  partyMember: i.partyMember,
  partyJoinedOn: i.partyJoinedOn ? day(i.partyJoinedOn) : null,
});

export async function createOfficer(input: CreateOfficerInput, viewer: Viewer): Promise<ActionResult<{ officerId: number }>> {
  checkHorizon(input.startDate, "startDate");
  await requireCommuneInScope(viewer, input.communeId, input.startDate);
  const officerId = await getDb().$transaction(async (tx) => {
    const officer = await tx.officer.create({ data: officerData(input) });
    const assignment = await tx.assignment.create({
      data: { officerId: officer.id, communeId: input.communeId, post: input.post, startDate: day(input.startDate) },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "officer", entityId: officer.id, action: "create", after: officer });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "assignment", entityId: assignment.id, action: "assign", after: assignment });
    return officer.id;
  });
  return { ok: true, data: { officerId }, message: "Đã thêm cán bộ và bố trí vào xã." };
}

export async function updateOfficer(input: UpdateOfficerInput, viewer: Viewer): Promise<ActionResult<{ officerId: number; version: number }>> {
  await requireOfficerInScope(viewer, input.id);
  const version = await getDb().$transaction(async (tx) => {
    const before = await tx.officer.findUnique({ where: { id: input.id } });
    if (!before) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
    const updated = await tx.officer.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...officerData(input), version: { increment: 1 }, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    const after = await tx.officer.findUniqueOrThrow({ where: { id: input.id } });
    const current = await tx.assignment.findFirst({ where: { officerId: input.id }, orderBy: { startDate: "desc" }, select: { communeId: true } });
    await writeAudit(tx, { userId: viewer.id, unitId: current?.communeId ?? null, entity: "officer", entityId: input.id, action: "update", before, after });
    return after.version;
  });
  return { ok: true, data: { officerId: input.id, version }, message: "Đã lưu thông tin cán bộ." };
}

/** Ends the officer's open assignment on `date` and starts the new one on the same date, in one transaction. */
export async function transferOfficer(input: TransferInput, viewer: Viewer): Promise<ActionResult<{ assignmentId: number }>> {
  checkHorizon(input.date, "date");
  const db = getDb();
  const current = await loadAssignmentInScope(viewer, input.assignmentId);
  await requireCommuneInScope(viewer, input.toCommuneId, input.date);
  if (current.endDate) throw new ActionError("Chức danh này đã kết thúc; không thể điều động từ chức danh đã kết thúc.", { conflict: true });
  if (input.date <= toIsoDate(current.startDate)) {
    throw new ActionError("Ngày điều động phải sau ngày bắt đầu chức danh hiện tại.", { fieldErrors: { date: ["Ngày điều động phải sau ngày bắt đầu chức danh hiện tại."] } });
  }
  if (input.toCommuneId === current.communeId && input.post === current.post) {
    throw new ActionError("Xã đến và chức danh trùng với hiện tại.", { fieldErrors: { toCommuneId: ["Chọn xã hoặc chức danh khác với hiện tại."] } });
  }
  const assignmentId = await db.$transaction(async (tx) => {
    // Lock the officer so two transfers of the same officer run one after the other.
    await tx.$queryRaw`SELECT id FROM officer WHERE id = ${current.officerId} FOR UPDATE`;
    const ended = await tx.assignment.updateMany({
      where: { id: current.id, version: input.version, endDate: null },
      data: { endDate: day(input.date), endReason: "TRANSFER", version: { increment: 1 } },
    });
    if (ended.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    const next = await tx.assignment.create({
      data: { officerId: current.officerId, communeId: input.toCommuneId, post: input.post, startDate: day(input.date), previousId: current.id },
    });
    const endedRow = await tx.assignment.findUniqueOrThrow({ where: { id: current.id } });
    await writeAudit(tx, { userId: viewer.id, unitId: current.communeId, entity: "assignment", entityId: current.id, action: "transfer-out", before: current, after: endedRow });
    await writeAudit(tx, { userId: viewer.id, unitId: input.toCommuneId, entity: "assignment", entityId: next.id, action: "transfer-in", after: next });
    return next.id;
  });
  return { ok: true, data: { assignmentId }, message: "Đã điều động cán bộ." };
}

export async function endAssignment(input: EndAssignmentInput, viewer: Viewer): Promise<ActionResult<{ assignmentId: number }>> {
  checkHorizon(input.date, "date");
  const db = getDb();
  const current = await loadAssignmentInScope(viewer, input.assignmentId);
  if (current.endDate) throw new ActionError("Chức danh này đã kết thúc.", { conflict: true });
  if (input.date <= toIsoDate(current.startDate)) {
    throw new ActionError("Ngày thôi giữ chức danh phải sau ngày bắt đầu.", { fieldErrors: { date: ["Ngày thôi giữ chức danh phải sau ngày bắt đầu."] } });
  }
  await db.$transaction(async (tx) => {
    const ended = await tx.assignment.updateMany({
      where: { id: current.id, version: input.version, endDate: null },
      data: { endDate: day(input.date), endReason: input.reason, version: { increment: 1 } },
    });
    if (ended.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    const after = await tx.assignment.findUniqueOrThrow({ where: { id: current.id } });
    await writeAudit(tx, { userId: viewer.id, unitId: current.communeId, entity: "assignment", entityId: current.id, action: "end", before: current, after });
  });
  return { ok: true, data: { assignmentId: current.id }, message: "Đã ghi nhận cán bộ thôi giữ chức danh." };
}

/** Fixes a mistaken entry in place (post, dates, reason). The database's rules still hold; the audit keeps the old values. */
export async function correctAssignment(input: CorrectAssignmentInput, viewer: Viewer): Promise<ActionResult<{ assignmentId: number }>> {
  checkHorizon(input.startDate, "startDate");
  if (input.endDate) checkHorizon(input.endDate, "endDate");
  const db = getDb();
  const current = await loadAssignmentInScope(viewer, input.assignmentId);
  await requireCommuneInScope(viewer, current.communeId, input.startDate);
  await db.$transaction(async (tx) => {
    const updated = await tx.assignment.updateMany({
      where: { id: current.id, version: input.version },
      data: {
        post: input.post,
        startDate: day(input.startDate),
        endDate: input.endDate ? day(input.endDate) : null,
        endReason: input.endReason,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    const after = await tx.assignment.findUniqueOrThrow({ where: { id: current.id } });
    await writeAudit(tx, { userId: viewer.id, unitId: current.communeId, entity: "assignment", entityId: current.id, action: "correct", before: current, after });
  });
  return { ok: true, data: { assignmentId: current.id }, message: "Đã sửa sai sót của lượt bố trí." };
}

/** Assigns an officer with no open post to a commune (after an earlier post ended, or on return). */
export async function assignOfficer(input: AssignInput, viewer: Viewer): Promise<ActionResult<{ assignmentId: number }>> {
  checkHorizon(input.startDate, "startDate");
  await requireOfficerInScope(viewer, input.officerId);
  await requireCommuneInScope(viewer, input.communeId, input.startDate);
  const assignmentId = await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM officer WHERE id = ${input.officerId} FOR UPDATE`;
    const open = await tx.assignment.findFirst({ where: { officerId: input.officerId, endDate: null } });
    if (open) throw new ActionError("Cán bộ đang giữ một chức danh; hãy dùng Điều động.", { conflict: true });
    const a = await tx.assignment.create({
      data: { officerId: input.officerId, communeId: input.communeId, post: input.post, startDate: day(input.startDate) },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "assignment", entityId: a.id, action: "assign", after: a });
    return a.id;
  });
  return { ok: true, data: { assignmentId }, message: "Đã bố trí cán bộ." };
}
