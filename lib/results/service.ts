import "server-only";
import { ActionError, forbidden, NOT_IN_SCOPE, STALE_VERSION, type ActionResult } from "@/lib/actions/result";
import { writeAudit } from "@/lib/audit/record";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { scopeCtes } from "@/lib/coverage/sql";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { requireCommuneInScope } from "@/lib/staffing/service";
import { formatMonth, INDICATORS, lastDay, monthOf, type ReturnStatusName } from "./indicators";
import type { ReasonTransitionInput, SaveReturnInput, TransitionInput } from "./schemas";

// The monthly-return workflow (issue 6):
//
//   DRAFT ──submit──▶ SUBMITTED ──approve──▶ APPROVED (locked)
//     ▲  (district)       │  (province)          │
//     └──── RETURNED ◀────┴── return (reason) ───┘ reopen (reason; province or ministry)
//
// District and province staff enter and correct a return while it is a draft or returned, and submit it;
// the province approves it or returns it with a reason; an approved return is locked until someone at the
// province (or the ministry, a higher level) reopens it, with a reason. Every step is an event (the history
// the as-of figures read) and an audit record, written in the transaction that changes the return, which
// carries a version so two people acting at once cannot both win.

type Step = "submit" | "approve" | "return" | "reopen";

const RULES: Record<Step, { from: ReturnStatusName[]; to: ReturnStatusName; roles: Viewer["role"][]; done: string }> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", roles: ["DISTRICT", "PROVINCE"], done: "Đã gửi báo cáo lên Công an tỉnh." },
  approve: { from: ["SUBMITTED"], to: "APPROVED", roles: ["PROVINCE"], done: "Đã duyệt báo cáo; báo cáo được khóa." },
  return: { from: ["SUBMITTED"], to: "RETURNED", roles: ["PROVINCE"], done: "Đã trả lại báo cáo kèm lý do." },
  reopen: { from: ["APPROVED"], to: "RETURNED", roles: ["PROVINCE", "MINISTRY"], done: "Đã mở lại báo cáo để sửa." },
};

export const EDITABLE: ReturnStatusName[] = ["DRAFT", "RETURNED"];
const WRITERS: Viewer["role"][] = ["DISTRICT", "PROVINCE"];

export const STATUS_REFUSAL: Record<ReturnStatusName, string> = {
  DRAFT: "Báo cáo đang là bản nháp.",
  SUBMITTED: "Báo cáo đã gửi, đang chờ Công an tỉnh duyệt: không sửa được. Nếu cần sửa, đề nghị Công an tỉnh trả lại.",
  APPROVED: "Báo cáo đã được duyệt và khóa: không sửa được. Chỉ Công an tỉnh (hoặc cấp trên) mở lại được.",
  RETURNED: "Báo cáo đã bị trả lại.",
};

/** Is the commune in the programme at the end of the month (DOMAIN.md), i.e. is a return expected from it? */
export async function inProgramme(communeId: number, on: IsoDate): Promise<boolean> {
  const rows = await getDb().$queryRaw<{ n: number }[]>`${scopeCtes(communeId, [on])} SELECT count(*)::int AS n FROM c`;
  return (rows[0]?.n ?? 0) > 0;
}

/** Creates or corrects a commune's return for a month (a draft, or a returned one). */
export async function saveReturn(input: SaveReturnInput, viewer: Viewer): Promise<ActionResult<{ returnId: number; version: number }>> {
  if (!WRITERS.includes(viewer.role)) throw forbidden();
  const monthEnd = lastDay(input.month) as IsoDate;
  if (input.month > monthOf(todayInVietnam())) {
    throw new ActionError("Chưa thể báo cáo cho tháng chưa bắt đầu.", { fieldErrors: { month: ["Tháng báo cáo chưa bắt đầu."] } });
  }
  const commune = await requireCommuneInScope(viewer, input.communeId, monthEnd);
  if (!(await inProgramme(input.communeId, monthEnd))) {
    throw new ActionError(`${commune.name} chưa thuộc diện bố trí Công an chính quy trong tháng ${formatMonth(input.month)}, nên không có báo cáo tháng này.`, {
      fieldErrors: { month: ["Xã chưa thuộc diện trong tháng này."] },
    });
  }
  const data = Object.fromEntries(INDICATORS.map((i) => [i.key, input[i.key]])) as Record<(typeof INDICATORS)[number]["key"], number>;
  const saved = await getDb().$transaction(async (tx) => {
    const month = new Date(`${input.month}-01T00:00:00Z`);
    const before = await tx.monthlyReturn.findUnique({ where: { communeId_month: { communeId: input.communeId, month } } });
    let after;
    if (!before) {
      if (input.version !== null) throw new ActionError(STALE_VERSION, { conflict: true });
      after = await tx.monthlyReturn.create({ data: { communeId: input.communeId, month, note: input.note, ...data } });
    } else {
      if (!EDITABLE.includes(before.status)) throw new ActionError(STATUS_REFUSAL[before.status], { conflict: true });
      const updated = await tx.monthlyReturn.updateMany({
        where: { id: before.id, version: input.version ?? -1, status: { in: EDITABLE } },
        data: { ...data, note: input.note, version: { increment: 1 }, updatedAt: new Date() },
      });
      if (updated.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
      after = await tx.monthlyReturn.findUniqueOrThrow({ where: { id: before.id } });
    }
    await event(tx, after.id, viewer, before ? "update" : "create", before?.status ?? null, after.status, null);
    await writeAudit(tx, { userId: viewer.id, unitId: input.communeId, entity: "monthly_return", entityId: after.id, action: before ? "update" : "create", before, after });
    return after;
  });
  return { ok: true, data: { returnId: saved.id, version: saved.version }, message: `Đã lưu báo cáo tháng ${formatMonth(input.month)} của ${commune.name}.` };
}

async function event(tx: Prisma.TransactionClient, returnId: number, viewer: Viewer, action: string, from: ReturnStatusName | null, to: ReturnStatusName, reason: string | null) {
  await tx.returnEvent.create({ data: { returnId, userId: viewer.id > 0 ? viewer.id : null, action, fromStatus: from, toStatus: to, reason } });
}

/** One workflow step on a return the viewer may see; refused with a message when the role or status does not allow it. */
async function transition(step: Step, input: TransitionInput & { reason?: string }, viewer: Viewer): Promise<ActionResult<{ returnId: number; version: number; status: ReturnStatusName }>> {
  const rule = RULES[step];
  const ret = await getDb().monthlyReturn.findUnique({ where: { id: input.returnId } });
  const monthEnd = ret ? (lastDay(monthOf(ret.month.toISOString())) as IsoDate) : null;
  if (!ret || !(await isUnitInScope(viewer, ret.communeId, monthEnd!))) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  if (!rule.roles.includes(viewer.role)) {
    throw forbidden(step === "submit" ? "Tài khoản của bạn không có quyền gửi báo cáo." : "Chỉ Công an tỉnh duyệt, trả lại hoặc mở lại báo cáo.");
  }
  if (!rule.from.includes(ret.status)) throw new ActionError(STATUS_REFUSAL[ret.status], { conflict: true });
  const after = await getDb().$transaction(async (tx) => {
    const updated = await tx.monthlyReturn.updateMany({
      where: { id: ret.id, version: input.version, status: ret.status },
      data: { status: rule.to, version: { increment: 1 }, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new ActionError(STALE_VERSION, { conflict: true });
    await event(tx, ret.id, viewer, step, ret.status, rule.to, input.reason ?? null);
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: ret.communeId,
      entity: "monthly_return",
      entityId: ret.id,
      action: step,
      before: { status: ret.status },
      after: { status: rule.to, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return tx.monthlyReturn.findUniqueOrThrow({ where: { id: ret.id } });
  });
  return { ok: true, data: { returnId: after.id, version: after.version, status: after.status }, message: rule.done };
}

export const submitReturn = (input: TransitionInput, viewer: Viewer) => transition("submit", input, viewer);
export const approveReturn = (input: TransitionInput, viewer: Viewer) => transition("approve", input, viewer);
export const returnReturn = (input: ReasonTransitionInput, viewer: Viewer) => transition("return", input, viewer);
export const reopenReturn = (input: ReasonTransitionInput, viewer: Viewer) => transition("reopen", input, viewer);

