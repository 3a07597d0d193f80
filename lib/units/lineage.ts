import "server-only";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import { addDays, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { UnitType } from "@/lib/units/types";

/** A unit a reform linked to another: its code and name on the side of the reform where it existed. */
export type LineageUnit = {
  code: string;
  name: string;
  type: UnitType;
  /** the reform's effective date; a predecessor is shown as of the day before, a successor as of that day */
  reformOn: IsoDate;
  seenOn: IsoDate;
  /** false: one part of a split */
  whole: boolean;
  /** the viewer may open it (out-of-scope units are named, not linked) */
  linked: boolean;
};

export type Lineage = { predecessors: LineageUnit[]; successors: LineageUnit[] };

type Row = { code: string; name: string; type: UnitType; unit_id: number; effective_on: Date; whole: boolean };

/** Who a unit came from and went into through recorded reforms (lib/units/reform.ts). */
export async function getLineage(viewer: Viewer, unitId: number): Promise<Lineage> {
  const db = getDb();
  const [preds, succs] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT u.code, v.name, v.type, u.id AS unit_id, r.effective_on, s.whole
      FROM unit_succession s JOIN unit_reform r ON r.id = s.reform_id JOIN unit u ON u.id = s.predecessor_id
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_to = r.effective_on
      WHERE s.successor_id = ${unitId} ORDER BY u.code`,
    db.$queryRaw<Row[]>`
      SELECT u.code, v.name, v.type, u.id AS unit_id, r.effective_on, s.whole
      FROM unit_succession s JOIN unit_reform r ON r.id = s.reform_id JOIN unit u ON u.id = s.successor_id
      JOIN unit_version v ON v.unit_id = u.id AND v.valid_from = r.effective_on
      WHERE s.predecessor_id = ${unitId} ORDER BY u.code`,
  ]);
  const entry = async (r: Row, side: "before" | "after"): Promise<LineageUnit> => {
    const reformOn = toIsoDate(r.effective_on);
    const seenOn = side === "before" ? addDays(reformOn, -1) : reformOn;
    return { code: r.code, name: r.name, type: r.type, reformOn, seenOn, whole: r.whole, linked: await isUnitInScope(viewer, r.unit_id, seenOn) };
  };
  return {
    predecessors: await Promise.all(preds.map((r) => entry(r, "before"))),
    successors: await Promise.all(succs.map((r) => entry(r, "after"))),
  };
}
