import "server-only";
import { notFound } from "next/navigation";
import type { IsoDate } from "@/lib/dates";
import { findUnitByCode, getUnitPath, type UnitOnDate } from "@/lib/units/queries";
import type { Viewer } from "./session";

// Unit scope: a user sees and changes only their own unit and the units under it (DOMAIN.md).
// Anything outside answers 404, never 403, so the app does not confirm that the unit exists.

export function isNationwide(viewer: Pick<Viewer, "role" | "unitId">): boolean {
  return viewer.unitId === null && (viewer.role === "MINISTRY" || viewer.role === "ADMIN");
}

/** Is `unitId` the viewer's unit or under it on `asOf`? */
export async function isUnitInScope(viewer: Pick<Viewer, "role" | "unitId">, unitId: number, asOf: IsoDate): Promise<boolean> {
  if (isNationwide(viewer)) return true;
  if (viewer.unitId === null) return false;
  if (viewer.unitId === unitId) return true;
  const path = await getUnitPath(unitId, asOf);
  return path.some((u) => u.id === viewer.unitId);
}

/** The unit named by `code` on `asOf` if the viewer may see it; otherwise a 404. */
export async function requireUnitInScope(viewer: Viewer, code: string, asOf: IsoDate): Promise<UnitOnDate> {
  const unit = await findUnitByCode(code, asOf);
  if (!unit || !(await isUnitInScope(viewer, unit.id, unit.seenOn))) notFound();
  return unit;
}

/** Throws a 404 unless the viewer may see `unitId` (null = nationwide) on `asOf`. */
export async function assertInScope(viewer: Viewer, unitId: number | null, asOf: IsoDate): Promise<void> {
  const allowed = unitId === null ? isNationwide(viewer) : await isUnitInScope(viewer, unitId, asOf);
  if (!allowed) notFound();
}
