import "server-only";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { IsoDate } from "@/lib/dates";
import { toIsoDate } from "@/lib/dates";
import type { Post, Rank } from "@/lib/generated/prisma/enums.ts";

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
