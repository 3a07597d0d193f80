import "server-only";
import { ActionError, NOT_IN_SCOPE, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { addDays, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { checkHorizon, requireCommuneInScope, requireOfficerInScope } from "@/lib/staffing/service";
import type { AddMembershipInput, ChangeSecretaryInput, DissolveCellInput, EndMembershipInput, EstablishCellInput } from "./schemas";

// Party cells and committee seats: established, changed and ended on dates, never overwritten; every id
// re-checked against the viewer's scope; every change audited in its transaction.

const day = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
async function requireCellInScope(viewer: Viewer, cellId: number) {
  const cell = await getDb().partyCell.findUnique({ where: { id: cellId }, include: { communes: true } });
  if (!cell) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  const date = cell.dissolvedOn ? addDays(toIsoDate(cell.dissolvedOn), -1) : todayInVietnam();
  for (const c of cell.communes) if (await isUnitInScope(viewer, c.communeId, date)) return cell;
  throw new ActionError(NOT_IN_SCOPE, { notFound: true });
}

export async function establishCell(input: EstablishCellInput, viewer: Viewer): Promise<ActionResult<{ cellId: number }>> {
  checkHorizon(input.establishedOn, "establishedOn");
  const commune = await requireCommuneInScope(viewer, input.communeId, input.establishedOn);
  if (input.secretaryOfficerId) await requireOfficerInScope(viewer, input.secretaryOfficerId);
  const d = day(input.establishedOn);
  const cellId = await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM unit WHERE id = ${input.communeId} FOR UPDATE`;
    const active = await tx.partyCell.findFirst({
      where: { communes: { some: { communeId: input.communeId } }, OR: [{ dissolvedOn: null }, { dissolvedOn: { gt: d } }] },
    });
    if (active) throw new ActionError("Xã này đã có chi bộ Công an xã đang hoạt động.", { conflict: true });
    const cell = await tx.partyCell.create({
      data: {
        name: `Chi bộ Công an ${commune.name.replace(/^(Xã|Thị trấn|Phường)/, (m) => m.toLowerCase())}`,
        establishedOn: d,
        communes: { create: { communeId: input.communeId } },
        secretaries: { create: { officerId: input.secretaryOfficerId, personName: input.secretaryName || null, startDate: d } },
      },
    });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "party_cell", entityId: cell.id, action: "create", after: { ...cell, secretaryOfficerId: input.secretaryOfficerId, secretaryName: input.secretaryName || null } });
    return cell.id;
  });
  return { ok: true, data: { cellId }, message: "Đã thành lập chi bộ." };
}

export async function changeSecretary(input: ChangeSecretaryInput, viewer: Viewer): Promise<ActionResult<{ cellId: number }>> {
  checkHorizon(input.date, "date");
  const cell = await requireCellInScope(viewer, input.cellId);
  if (input.secretaryOfficerId) await requireOfficerInScope(viewer, input.secretaryOfficerId);
  const d = day(input.date);
  if (cell.dissolvedOn || d <= cell.establishedOn) throw new ActionError("Ngày thay đổi phải sau ngày thành lập và chi bộ chưa giải thể.", { fieldErrors: { date: ["Ngày không hợp lệ với chi bộ này."] } });
  await getDb().$transaction(async (tx) => {
    const bumped = await tx.partyCell.updateMany({ where: { id: cell.id, version: input.version }, data: { version: { increment: 1 } } });
    if (bumped.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    const current = await tx.cellSecretary.findFirst({ where: { cellId: cell.id, endDate: null } });
    if (current && current.startDate >= d) throw new ActionError("Ngày thay đổi phải sau ngày bí thư hiện tại nhận nhiệm vụ.", { fieldErrors: { date: ["Ngày phải sau ngày bí thư hiện tại nhận nhiệm vụ."] } });
    if (current) await tx.cellSecretary.update({ where: { id: current.id }, data: { endDate: d } });
    const next = await tx.cellSecretary.create({ data: { cellId: cell.id, officerId: input.secretaryOfficerId, personName: input.secretaryName || null, startDate: d } });
    await writeAudit(tx, { userId: viewer.id, unitId: cell.communes[0]?.communeId ?? null, entity: "party_cell", entityId: cell.id, action: "secretary", before: current, after: next });
  });
  return { ok: true, data: { cellId: cell.id }, message: "Đã cập nhật bí thư chi bộ." };
}

export async function dissolveCell(input: DissolveCellInput, viewer: Viewer): Promise<ActionResult<{ cellId: number }>> {
  checkHorizon(input.date, "date");
  const cell = await requireCellInScope(viewer, input.cellId);
  const d = day(input.date);
  if (cell.dissolvedOn) throw new ActionError("Chi bộ đã giải thể.", { conflict: true });
  if (d <= cell.establishedOn) throw new ActionError("Ngày giải thể phải sau ngày thành lập.", { fieldErrors: { date: ["Ngày giải thể phải sau ngày thành lập."] } });
  await getDb().$transaction(async (tx) => {
    const done = await tx.partyCell.updateMany({ where: { id: cell.id, version: input.version, dissolvedOn: null }, data: { dissolvedOn: d, version: { increment: 1 } } });
    if (done.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    await tx.cellSecretary.updateMany({ where: { cellId: cell.id, endDate: null, startDate: { lt: d } }, data: { endDate: d } });
    await writeAudit(tx, { userId: viewer.id, unitId: cell.communes[0]?.communeId ?? null, entity: "party_cell", entityId: cell.id, action: "dissolve", before: cell, after: { dissolvedOn: input.date } });
  });
  return { ok: true, data: { cellId: cell.id }, message: "Đã ghi nhận giải thể chi bộ." };
}

export async function addMembership(input: AddMembershipInput, viewer: Viewer): Promise<ActionResult<{ membershipId: number }>> {
  checkHorizon(input.startDate, "startDate");
  await requireCommuneInScope(viewer, input.communeId, input.startDate);
  await requireOfficerInScope(viewer, input.officerId);
  const membershipId = await getDb().$transaction(async (tx) => {
    const m = await tx.committeeMembership.create({ data: { officerId: input.officerId, communeId: input.communeId, committee: input.committee, startDate: day(input.startDate) } });
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "committee_membership", entityId: m.id, action: "create", after: m });
    return m.id;
  });
  return { ok: true, data: { membershipId }, message: "Đã ghi nhận tham gia cấp ủy." };
}

export async function endMembership(input: EndMembershipInput, viewer: Viewer): Promise<ActionResult<{ membershipId: number }>> {
  checkHorizon(input.date, "date");
  const m = await getDb().committeeMembership.findUnique({ where: { id: input.membershipId } });
  if (!m || !(await isUnitInScope(viewer, m.communeId, todayInVietnam()))) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  if (m.endDate) throw new ActionError("Đã kết thúc từ trước.", { conflict: true });
  if (day(input.date) <= m.startDate) throw new ActionError("Ngày kết thúc phải sau ngày bắt đầu.", { fieldErrors: { date: ["Ngày kết thúc phải sau ngày bắt đầu."] } });
  await getDb().$transaction(async (tx) => {
    const done = await tx.committeeMembership.updateMany({ where: { id: m.id, endDate: null }, data: { endDate: day(input.date) } });
    if (done.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    await writeAudit(tx, { userId: viewer.id, unitId: m.communeId, entity: "committee_membership", entityId: m.id, action: "end", before: m, after: { ...m, endDate: input.date } });
  });
  return { ok: true, data: { membershipId: m.id }, message: "Đã ghi nhận thôi tham gia cấp ủy." };
}
