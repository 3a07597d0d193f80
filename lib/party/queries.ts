import "server-only";
import { assertInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";

export type CellView = {
  id: number;
  name: string;
  establishedOn: IsoDate;
  dissolvedOn: IsoDate | null;
  version: number;
  secretaries: { name: string; isOfficer: boolean; startDate: IsoDate; endDate: IsoDate | null }[];
};
export type SeatView = { id: number; officerId: number; officerName: string; committee: "EXECUTIVE" | "STANDING"; startDate: IsoDate; endDate: IsoDate | null };

/** The commune's Party cells (with secretary history) and its officers' committee seats, newest first. */
export async function getCommuneParty(viewer: Viewer, communeId: number, asOf: IsoDate): Promise<{ cells: CellView[]; seats: SeatView[] }> {
  await assertInScope(viewer, communeId, asOf);
  const db = getDb();
  const [cells, seats] = await Promise.all([
    db.partyCell.findMany({
      where: { communes: { some: { communeId } } },
      orderBy: { establishedOn: "desc" },
      include: { secretaries: { orderBy: { startDate: "desc" }, include: { officer: { select: { fullName: true } } } } },
    }),
    db.committeeMembership.findMany({
      where: { communeId },
      orderBy: [{ endDate: { sort: "desc", nulls: "first" } }, { startDate: "desc" }],
      include: { officer: { select: { fullName: true } } },
    }),
  ]);
  return {
    cells: cells.map((c) => ({
      id: c.id,
      name: c.name,
      establishedOn: toIsoDate(c.establishedOn),
      dissolvedOn: c.dissolvedOn ? toIsoDate(c.dissolvedOn) : null,
      version: c.version,
      secretaries: c.secretaries.map((s) => ({
        name: s.officer?.fullName ?? s.personName ?? "",
        isOfficer: s.officerId !== null,
        startDate: toIsoDate(s.startDate),
        endDate: s.endDate ? toIsoDate(s.endDate) : null,
      })),
    })),
    seats: seats.map((m) => ({
      id: m.id,
      officerId: m.officerId,
      officerName: m.officer.fullName,
      committee: m.committee,
      startDate: toIsoDate(m.startDate),
      endDate: m.endDate ? toIsoDate(m.endDate) : null,
    })),
  };
}
