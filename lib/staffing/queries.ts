import "server-only";
import { notFound } from "next/navigation";
import { assertInScope, isNationwide } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { IsoDate } from "@/lib/dates";
import { todayInVietnam, toIsoDate } from "@/lib/dates";
import { foldVietnamese } from "@/lib/text/fold";
import { requireOfficerInScope } from "./service";
import type { EndReason, Post, Rank } from "@/lib/generated/prisma/enums.ts";
import { onColumn, onDate, validOn } from "@/lib/db/periods";

export type ServingOfficer = {
  officerId: number;
  officerNumber: string;
  fullName: string;
  rank: Rank;
  post: Post;
  since: IsoDate;
};

const POST_ORDER: Record<Post, number> = { CHIEF: 0, DEPUTY_CHIEF: 1, OFFICER: 2 };

/** Officers with an active assignment in the commune on `asOf` (DOMAIN.md "active on day D"), chief first. */
export async function getServingOfficers(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<ServingOfficer[]> {
  await assertInScope(viewer, communeId, asOf);
  const day = new Date(`${asOf}T00:00:00Z`);
  const rows = await getDb().assignment.findMany({
    where: {
      communeId,
      startDate: { lte: day },
      OR: [{ endDate: null }, { endDate: { gt: day } }],
    },
    select: {
      post: true,
      startDate: true,
      officer: { select: { id: true, officerNumber: true, fullName: true, rank: true } },
    },
  });
  return rows
    .map((r) => ({
      officerId: r.officer.id,
      officerNumber: r.officer.officerNumber,
      fullName: r.officer.fullName,
      rank: r.officer.rank,
      post: r.post,
      since: toIsoDate(r.startDate),
    }))
    .sort((a, b) => POST_ORDER[a.post] - POST_ORDER[b.post] || a.fullName.localeCompare(b.fullName, "vi"));
}

export type OfficerHit = {
  id: number;
  officerNumber: string;
  fullName: string;
  rank: Rank;
  post: Post | null;
  communeCode: string | null;
  communeName: string | null;
  active: boolean;
};

/**
 * Officers in the viewer's scope, found by name without diacritics ("nguyen van an" → "Nguyễn Văn An"), by
 * officer number, or by commune code. An officer is placed by their latest assignment, on the map of the last
 * day it was in force (today for a serving officer): someone who left before a reform is found in the commune
 * and under the units they served in, though that commune has since ended — as on every other page.
 */
export async function searchOfficers(viewer: Viewer, opts: { q?: string; communeCode?: string; limit?: number }): Promise<OfficerHit[]> {
  const q = (opts.q ?? "").trim().slice(0, 100);
  const folded = foldVietnamese(q);
  const today = todayInVietnam();
  const limit = Math.min(opts.limit ?? 50, 200);
  const root = isNationwide(viewer) ? null : viewer.unitId;
  const byNumber = /^[0-9A-Za-z-]+$/.test(q) && /\d/.test(q);
  return getDb().$queryRaw<OfficerHit[]>`
    WITH latest AS (
      SELECT DISTINCT ON (a.officer_id) a.officer_id, a.commune_id, a.post, a.end_date,
             GREATEST(a.start_date, LEAST(${today}::date, COALESCE(a.end_date - 1, ${today}::date))) AS seen
      FROM assignment a ORDER BY a.officer_id, a.start_date DESC
    )
    SELECT o.id, o.officer_number AS "officerNumber", o.full_name AS "fullName", o.rank,
           l.post, u.code AS "communeCode", cv.name AS "communeName", (l.end_date IS NULL OR l.end_date > ${today}::date) AS active
    FROM officer o
    JOIN latest l ON l.officer_id = o.id
    JOIN unit u ON u.id = l.commune_id
    JOIN unit_version cv ON cv.unit_id = l.commune_id AND ${validOn("cv", onColumn("l.seen"))}
    LEFT JOIN unit_version pv ON pv.unit_id = cv.parent_id AND ${validOn("pv", onColumn("l.seen"))}
    WHERE (${root}::int IS NULL OR ${root}::int IN (l.commune_id, cv.parent_id, pv.parent_id))
      AND (${q} = '' OR o.search_name LIKE '%' || ${folded} || '%' OR (${byNumber} AND o.officer_number ILIKE ${q} || '%'))
      AND (${opts.communeCode ?? ""} = '' OR u.code = ${opts.communeCode ?? ""})
    ORDER BY (l.end_date IS NULL OR l.end_date > ${today}::date) DESC, o.search_name, o.id
    LIMIT ${limit}`;
}

export type OfficerDetail = {
  id: number;
  officerNumber: string;
  fullName: string;
  rank: Rank;
  gender: "MALE" | "FEMALE";
  birthDate: IsoDate | null;
  ethnicity: string | null;
  partyMember: boolean;
  partyJoinedOn: IsoDate | null;
  ethnicLanguages: string[];
  foreignLanguages: string[];
  version: number;
  assignments: {
    id: number;
    version: number;
    post: Post;
    communeId: number;
    communeCode: string;
    communeName: string;
    startDate: IsoDate;
    endDate: IsoDate | null;
    endReason: string | null;
  }[];
  memberships: { committee: "EXECUTIVE" | "STANDING"; communeName: string; startDate: IsoDate; endDate: IsoDate | null }[];
};

/** An officer with the full history of assignments and committee seats; 404 outside the viewer's scope. */
export async function getOfficerDetail(viewer: Viewer, officerId: number): Promise<OfficerDetail> {
  try {
    await requireOfficerInScope(viewer, officerId);
  } catch {
    notFound();
  }
  const o = await getDb().officer.findUnique({
    where: { id: officerId },
    include: {
      assignments: { orderBy: { startDate: "desc" }, include: { commune: { select: { code: true, versions: { select: { name: true, validFrom: true, validTo: true } } } } } },
      memberships: { orderBy: { startDate: "desc" }, include: { commune: { select: { versions: { select: { name: true, validFrom: true, validTo: true } } } } } },
    },
  });
  if (!o) notFound();
  // the commune's name as it was when the assignment started
  const nameOn = (versions: { name: string; validFrom: Date | null; validTo: Date | null }[], d: Date) =>
    (versions.find((v) => (!v.validFrom || v.validFrom <= d) && (!v.validTo || v.validTo > d)) ?? versions[versions.length - 1])?.name ?? "";
  return {
    id: o.id,
    officerNumber: o.officerNumber,
    fullName: o.fullName,
    rank: o.rank,
    gender: o.gender,
    birthDate: o.birthDate ? toIsoDate(o.birthDate) : null,
    ethnicity: o.ethnicity,
    partyMember: o.partyMember,
    partyJoinedOn: o.partyJoinedOn ? toIsoDate(o.partyJoinedOn) : null,
    ethnicLanguages: o.ethnicLanguages,
    foreignLanguages: o.foreignLanguages,
    version: o.version,
    assignments: o.assignments.map((a) => ({
      id: a.id,
      version: a.version,
      post: a.post,
      communeId: a.communeId,
      communeCode: a.commune.code,
      communeName: nameOn(a.commune.versions, a.startDate),
      startDate: toIsoDate(a.startDate),
      endDate: a.endDate ? toIsoDate(a.endDate) : null,
      endReason: a.endReason,
    })),
    memberships: o.memberships.map((m) => ({
      committee: m.committee,
      communeName: nameOn(m.commune.versions, m.startDate),
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
    })),
  };
}

export type CommuneOption = { id: number; name: string; districtName: string };

/** Communes the viewer may assign officers to today, grouped by district for a select box. */
export async function listCommunesInScope(viewer: Viewer): Promise<CommuneOption[]> {
  if (isNationwide(viewer) || viewer.unitId === null) return [];
  const today = todayInVietnam();
  return getDb().$queryRaw<CommuneOption[]>`
    WITH RECURSIVE v AS (
      SELECT uv.unit_id, uv.parent_id, uv.name FROM unit_version uv JOIN unit u ON u.id = uv.unit_id
      WHERE ${validOn("uv", onDate(today))}
    ), tree AS (
      SELECT unit_id, parent_id, name FROM v WHERE unit_id = ${viewer.unitId}
      UNION ALL
      SELECT v.unit_id, v.parent_id, v.name FROM v JOIN tree ON v.parent_id = tree.unit_id
    )
    SELECT t.unit_id AS id, t.name, p.name AS "districtName"
    FROM tree t JOIN unit u ON u.id = t.unit_id AND u.level = 'COMMUNE'
    JOIN v p ON p.unit_id = t.parent_id
    ORDER BY p.name, t.name`;
}

export type CommuneAssignment = {
  assignmentId: number;
  officerId: number;
  officerNumber: string;
  fullName: string;
  post: Post;
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: EndReason | null;
};

/** Every assignment ever recorded in the commune, newest first: its staffing history (never overwritten). */
export async function getCommuneHistory(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<CommuneAssignment[]> {
  await assertInScope(viewer, communeId, asOf);
  const rows = await getDb().assignment.findMany({
    where: { communeId },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    select: {
      id: true,
      post: true,
      startDate: true,
      endDate: true,
      endReason: true,
      officer: { select: { id: true, officerNumber: true, fullName: true } },
    },
  });
  return rows.map((r) => ({
    assignmentId: r.id,
    officerId: r.officer.id,
    officerNumber: r.officer.officerNumber,
    fullName: r.officer.fullName,
    post: r.post,
    startDate: toIsoDate(r.startDate),
    endDate: r.endDate ? toIsoDate(r.endDate) : null,
    endReason: r.endReason,
  }));
}
