import "server-only";
import { ActionError, NOT_IN_SCOPE, type ActionResult } from "@/lib/actions/result";
import { isNationwide } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { writeAudit } from "@/lib/audit/record";
import { formatDateVi, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb, Prisma } from "@/lib/db";
import { requireCommuneInScope } from "@/lib/staffing/service";
import type { ConfirmPlacementInput, MovePlacementInput, PlacementListParams } from "./placement-schemas";
import { onColumn, validOn } from "@/lib/db/periods";

// The placements a reform could not be sure of (lib/units/reform.ts → reform_placement), for the province to
// review: officers of a split commune carried into the proposed part, and chiefs carried as deputies. Each is
// in a viewer's scope when the commune the officer was carried into is under the viewer's unit on the reform's date.

export type PlacementRow = {
  id: number;
  reason: "SPLIT" | "CHIEF";
  reformName: string;
  reformOn: IsoDate;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  officerId: number;
  officerName: string;
  officerNumber: string;
  post: "CHIEF" | "DEPUTY_CHIEF" | "OFFICER";
  assignmentId: number;
  commune: { id: number; code: string; name: string };
  predecessor: { code: string; name: string };
  /** the parts of a split commune the officer may be moved to (empty for a chief) */
  options: { id: number; code: string; name: string; proposed: boolean }[];
};

const PAGE = 100;

/**
 * The placement's rows, joined to its commune (cv) and that commune's parent (cpv) on the reform's date: a commune is
 * at most two levels under a province, so its ancestors on that date are cv.parent_id and cpv.parent_id. (Plain
 * joins: a recursive lookup per placement made the home page's count ten times slower.)
 */
const FROM = Prisma.sql`reform_placement p
    JOIN unit_reform r ON r.id = p.reform_id
    JOIN assignment a ON a.id = p.assignment_id
    JOIN unit_version cv ON cv.unit_id = a.commune_id AND ${validOn("cv", onColumn("r.effective_on"))}
    LEFT JOIN unit_version cpv ON cpv.unit_id = cv.parent_id AND ${validOn("cpv", onColumn("r.effective_on"))}`;

/** The commune the officer was carried into is the viewer's unit or under it on the reform's date (always, nationwide). */
const inScope = (viewer: Viewer) =>
  isNationwide(viewer) ? Prisma.sql`true` : Prisma.sql`${viewer.unitId ?? -1}::int IN (cv.unit_id, cv.parent_id, cpv.parent_id)`;

const statusFilter = (status: PlacementListParams["status"]) =>
  status === "open" ? Prisma.sql`p.reviewed_at IS NULL` : status === "reviewed" ? Prisma.sql`p.reviewed_at IS NOT NULL` : Prisma.sql`true`;

/** How many placements in the viewer's scope are still unresolved (the home page says so to those who can act). */
export async function countOpenPlacements(viewer: Viewer): Promise<number> {
  if (viewer.unitId === null && !isNationwide(viewer)) return 0;
  const rows = await getDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${FROM} WHERE p.reviewed_at IS NULL AND ${inScope(viewer)}`;
  return rows[0]?.n ?? 0;
}

export async function listPlacements(viewer: Viewer, params: PlacementListParams): Promise<{ rows: PlacementRow[]; total: number; page: number; pages: number }> {
  if (viewer.unitId === null && !isNationwide(viewer)) return { rows: [], total: 0, page: 1, pages: 1 };
  const where = Prisma.sql`${statusFilter(params.status)} AND (${params.reason ?? null}::text IS NULL OR p.reason = ${params.reason ?? null}) AND ${inScope(viewer)}`;
  const db = getDb();
  const total = (await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`)[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.min(params.page, pages);
  const rows = await db.$queryRaw<
    {
      id: number; reason: "SPLIT" | "CHIEF"; reform_name: string; effective_on: Date; reviewed_at: Date | null; reviewed_by: string | null;
      officer_id: number; full_name: string; officer_number: string; post: PlacementRow["post"]; assignment_id: number;
      commune_id: number; commune_code: string; commune_name: string; pred_code: string; pred_name: string;
      options: { id: number; code: string; name: string; proposed: boolean }[] | null;
    }[]
  >`
    SELECT p.id, p.reason, r.name AS reform_name, r.effective_on, p.reviewed_at, ru.display_name AS reviewed_by,
           o.id AS officer_id, o.full_name, o.officer_number, a.post::text AS post, a.id AS assignment_id,
           cu.id AS commune_id, cu.code AS commune_code, cv.name AS commune_name, pu.code AS pred_code, pv.name AS pred_name,
           CASE WHEN p.reason = 'SPLIT' THEN (
             SELECT json_agg(json_build_object('id', su.id, 'code', su.code, 'name', sv.name, 'proposed', s.proposed) ORDER BY su.code)
             FROM unit_succession s JOIN unit su ON su.id = s.successor_id
             JOIN unit_version sv ON sv.unit_id = su.id AND ${validOn("sv", onColumn("r.effective_on"))}
             WHERE s.reform_id = r.id AND s.predecessor_id = p.predecessor_id) END AS options
    FROM ${FROM}
    JOIN officer o ON o.id = a.officer_id
    JOIN unit cu ON cu.id = a.commune_id
    JOIN unit pu ON pu.id = p.predecessor_id
    JOIN unit_version pv ON pv.unit_id = pu.id AND pv.valid_to = r.effective_on
    LEFT JOIN app_user ru ON ru.id = p.reviewed_by_id
    WHERE ${where}
    ORDER BY r.effective_on DESC, cu.code, p.reason DESC, o.full_name, p.id
    LIMIT ${PAGE} OFFSET ${(page - 1) * PAGE}`;
  return {
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      reason: r.reason,
      reformName: r.reform_name,
      reformOn: toIsoDate(r.effective_on),
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
      officerId: r.officer_id,
      officerName: r.full_name,
      officerNumber: r.officer_number,
      post: r.post,
      assignmentId: r.assignment_id,
      commune: { id: r.commune_id, code: r.commune_code, name: r.commune_name },
      predecessor: { code: r.pred_code, name: r.pred_name },
      options: r.options ?? [],
    })),
  };
}

type Loaded = { id: number; reform_id: number; effective_on: Date; reason: "SPLIT" | "CHIEF"; predecessor_id: number; reviewed_at: Date | null; assignment_id: number; commune_id: number; officer_id: number; start_date: Date };

/** The placement, locked, if its commune is in the viewer's scope on the reform's date; otherwise "not found". */
async function loadForReview(tx: Prisma.TransactionClient, viewer: Viewer, placementId: number): Promise<Loaded> {
  const rows = await tx.$queryRaw<Loaded[]>`
    SELECT p.id, p.reform_id, r.effective_on, p.reason, p.predecessor_id, p.reviewed_at, a.id AS assignment_id, a.commune_id, a.officer_id, a.start_date
    FROM ${FROM}
    WHERE p.id = ${placementId} AND ${inScope(viewer)}
    FOR UPDATE OF p, a`;
  const p = rows[0];
  if (!p) throw new ActionError(NOT_IN_SCOPE, { notFound: true });
  return p;
}

/** The province keeps the reform's proposal (the part it proposed, or the chief as deputy). */
export async function confirmPlacement(input: ConfirmPlacementInput, viewer: Viewer): Promise<ActionResult<{ placementId: number }>> {
  await getDb().$transaction(async (tx) => {
    const p = await loadForReview(tx, viewer, input.placementId);
    if (p.reviewed_at) throw new ActionError("Bố trí này đã được xác nhận.", { conflict: true });
    await tx.$executeRaw`UPDATE reform_placement SET reviewed_at = now(), reviewed_by_id = ${viewer.id > 0 ? viewer.id : null} WHERE id = ${p.id}`;
    await writeAudit(tx, { userId: viewer.id, unitId: p.commune_id, entity: "assignment", entityId: p.assignment_id, action: "placement-confirm", after: { placementId: p.id, communeId: p.commune_id, reason: p.reason } });
  });
  return { ok: true, data: { placementId: input.placementId }, message: "Đã xác nhận bố trí." };
}

/**
 * An officer of a split commune goes to another part of it: the post the reform carried (from its date) is
 * corrected to that commune, with the committee seats carried with it, and the placement is marked reviewed.
 */
export async function movePlacement(input: MovePlacementInput, viewer: Viewer): Promise<ActionResult<{ placementId: number }>> {
  await getDb().$transaction(async (tx) => {
    const p = await loadForReview(tx, viewer, input.placementId);
    if (p.reason !== "SPLIT") throw new ActionError("Chỉ cán bộ của xã bị chia mới chuyển sang xã mới khác được.", { fieldErrors: { successorId: ["Không chọn được xã khác cho bố trí này."] } });
    const target = await tx.$queryRaw<{ id: number }[]>`
      SELECT s.successor_id AS id FROM unit_succession s WHERE s.reform_id = ${p.reform_id} AND s.predecessor_id = ${p.predecessor_id} AND s.successor_id = ${input.successorId}`;
    if (!target[0]) throw new ActionError("Xã được chọn không phải là một phần của xã cũ.", { fieldErrors: { successorId: ["Chọn một trong các xã mới hình thành từ xã cũ."] } });
    // the target must be in the viewer's scope too (a split may cross into another province)
    await requireCommuneInScope(viewer, input.successorId, toIsoDate(p.effective_on));
    if (input.successorId !== p.commune_id) {
      const before = { communeId: p.commune_id };
      await tx.$executeRaw`UPDATE assignment SET commune_id = ${input.successorId}, version = version + 1 WHERE id = ${p.assignment_id}`;
      await tx.$executeRaw`
        UPDATE committee_membership SET commune_id = ${input.successorId}
        WHERE officer_id = ${p.officer_id} AND commune_id = ${p.commune_id} AND start_date = ${p.effective_on}`;
      await writeAudit(tx, { userId: viewer.id, unitId: input.successorId, entity: "assignment", entityId: p.assignment_id, action: "placement-move", before, after: { communeId: input.successorId, placementId: p.id } });
    }
    await tx.$executeRaw`UPDATE reform_placement SET reviewed_at = now(), reviewed_by_id = ${viewer.id > 0 ? viewer.id : null} WHERE id = ${p.id}`;
  });
  return { ok: true, data: { placementId: input.placementId }, message: "Đã chuyển cán bộ sang xã được chọn." };
}

type Chief = { id: number; officer_id: number; full_name: string; start_date: Date; end_date: Date | null; end_reason: string | null };

/**
 * A chief the reform carried as deputy (reason CHIEF) leads the new commune instead. From the reform's date their
 * carried post is chief, and whoever the reform left as chief there is deputy from that date: a post the reform
 * carried (it starts on that date) is corrected in place; a post that went on from before the reform ends on the
 * date and goes on as deputy, linked, so nothing before the reform changes. Refused when the carried post has
 * already ended or another chief was appointed after the reform: that history is corrected on the officers' pages.
 */
export async function makeChiefPlacement(input: ConfirmPlacementInput, viewer: Viewer): Promise<ActionResult<{ placementId: number }>> {
  await getDb().$transaction(async (tx) => {
    const p = await loadForReview(tx, viewer, input.placementId);
    if (p.reviewed_at) throw new ActionError("Bố trí này đã được xác nhận.", { conflict: true });
    if (p.reason !== "CHIEF") throw new ActionError("Chỉ Trưởng Công an xã cũ được giao làm Trưởng Công an xã mới tại đây.");
    const E = toIsoDate(p.effective_on);
    const [mine] = await tx.$queryRaw<{ post: string; start_date: Date; end_date: Date | null }[]>`
      SELECT post::text AS post, start_date, end_date FROM assignment WHERE id = ${p.assignment_id}`;
    if (!mine || mine.post !== "DEPUTY_CHIEF" || toIsoDate(mine.start_date) !== E || mine.end_date !== null) {
      throw new ActionError("Chức vụ này đã thay đổi sau khi sắp xếp; hãy điều chỉnh trên trang của cán bộ.", { conflict: true });
    }
    const chiefs = await tx.$queryRaw<Chief[]>`
      SELECT a.id, a.officer_id, o.full_name, a.start_date, a.end_date, a.end_reason::text AS end_reason
      FROM assignment a JOIN officer o ON o.id = a.officer_id
      WHERE a.commune_id = ${p.commune_id} AND a.post = 'CHIEF' AND (a.end_date IS NULL OR a.end_date > ${E}::date)
      ORDER BY a.start_date
      FOR UPDATE OF a`;
    const later = chiefs.find((c) => toIsoDate(c.start_date) > E);
    if (later) {
      throw new ActionError(`Từ ngày ${formatDateVi(toIsoDate(later.start_date))} xã đã có Trưởng Công an xã khác (${later.full_name}); hãy điều chỉnh trên trang của cán bộ.`, { conflict: true });
    }
    const demoted: { officerId: number; assignmentId: number }[] = [];
    for (const c of chiefs) {
      if (toIsoDate(c.start_date) === E) {
        // a post the reform carried: corrected to deputy from the same day
        await tx.$executeRaw`UPDATE assignment SET post = 'DEPUTY_CHIEF', version = version + 1 WHERE id = ${c.id}`;
        demoted.push({ officerId: c.officer_id, assignmentId: c.id });
      } else {
        // chief since before the reform: chief until the eve, deputy from the reform's date, linked
        const next = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM assignment WHERE previous_id = ${c.id} FOR UPDATE`;
        if (next[0]) await tx.$executeRaw`UPDATE assignment SET previous_id = NULL WHERE id = ${next[0].id}`;
        await tx.$executeRaw`UPDATE assignment SET end_date = ${E}::date, end_reason = 'REORGANISATION', version = version + 1 WHERE id = ${c.id}`;
        const [created] = await tx.$queryRaw<{ id: number }[]>`
          INSERT INTO assignment (officer_id, commune_id, post, start_date, end_date, end_reason, previous_id)
          VALUES (${c.officer_id}, ${p.commune_id}, 'DEPUTY_CHIEF', ${E}::date, ${c.end_date}, ${c.end_reason}::"EndReason", ${c.id})
          RETURNING id`;
        if (next[0]) await tx.$executeRaw`UPDATE assignment SET previous_id = ${created!.id} WHERE id = ${next[0].id}`;
        demoted.push({ officerId: c.officer_id, assignmentId: created!.id });
      }
    }
    await tx.$executeRaw`UPDATE assignment SET post = 'CHIEF', version = version + 1 WHERE id = ${p.assignment_id}`;
    await tx.$executeRaw`UPDATE reform_placement SET reviewed_at = now(), reviewed_by_id = ${viewer.id > 0 ? viewer.id : null} WHERE id = ${p.id}`;
    await writeAudit(tx, {
      userId: viewer.id,
      unitId: p.commune_id,
      entity: "assignment",
      entityId: p.assignment_id,
      action: "placement-chief",
      before: { post: "DEPUTY_CHIEF", chiefs: chiefs.map((c) => ({ officerId: c.officer_id, assignmentId: c.id })) },
      after: { post: "CHIEF", placementId: p.id, deputies: demoted },
    });
  });
  return { ok: true, data: { placementId: input.placementId }, message: "Đã giao cán bộ làm Trưởng Công an xã từ ngày sắp xếp." };
}
