// The figures of one unit on one date, and the arithmetic derived from the counts (DOMAIN.md).
// Pure: shared by the SQL layer (lib/coverage/queries.ts), the pages and the tests.

export type RawFigures = {
  in_programme: number;
  staffed: number;
  fully_staffed: number;
  officers: number;
  party_cells: number;
  secretaries_police: number;
  executive_members: number;
  standing_members: number;
};

export type Figures = {
  inProgramme: number;
  staffed: number;
  fullyStaffed: number;
  officers: number;
  /** officers / staffed communes, one decimal; null (not 0) when nothing is staffed */
  officersPerCommune: number | null;
  /** staffed / in programme × 100, one decimal; null when nothing is in the programme */
  coveragePercent: number | null;
  partyCells: number;
  secretariesPolice: number;
  executiveMembers: number;
  standingMembers: number;
};

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** One decimal, but never "100%" unless every commune is counted (8.875/8.876 reads 99,9%). */
export function percent(part: number, whole: number): number {
  const p = oneDecimal((100 * part) / whole);
  return part < whole ? Math.min(p, 99.9) : p;
}

export function toFigures(r: RawFigures): Figures {
  return {
    inProgramme: r.in_programme,
    staffed: r.staffed,
    fullyStaffed: r.fully_staffed,
    officers: r.officers,
    officersPerCommune: r.staffed > 0 ? oneDecimal(r.officers / r.staffed) : null,
    coveragePercent: r.in_programme > 0 ? percent(r.staffed, r.in_programme) : null,
    partyCells: r.party_cells,
    secretariesPolice: r.secretaries_police,
    executiveMembers: r.executive_members,
    standingMembers: r.standing_members,
  };
}
