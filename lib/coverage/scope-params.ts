import "server-only";
import { isUnitInScope } from "@/lib/auth/scope";
import type { Viewer } from "@/lib/auth/session";
import type { IsoDate } from "@/lib/dates";
import { findUnitByCode, type UnitOnDate } from "@/lib/units/queries";
import { getCoverage, type ChildFigures } from "./queries";

/**
 * The unit a page, export or API call asks for (?unit=), or the viewer's own unit when none is given
 * (null = the country). "notFound" when the code does not exist or is outside the viewer's scope.
 */
export async function resolveUnitParam(viewer: Viewer, unitCode: string | undefined, asOf: IsoDate): Promise<UnitOnDate | null | "notFound"> {
  const code = unitCode ?? viewer.unitCode ?? null;
  if (!code) return null;
  const unit = await findUnitByCode(code, asOf);
  if (!unit || !(await isUnitInScope(viewer, unit.id, unit.seenOn))) return "notFound";
  return unit;
}

/**
 * The scope of a gap list: ?unit= or the viewer's own unit, with the child units a list can be narrowed
 * to and the one ?within= names (ignored unless it is one of them). null when the unit does not exist or
 * is outside the viewer's scope: the caller answers 404.
 */
export async function resolveGapScope(viewer: Viewer, unitCode: string | undefined, withinCode: string | undefined, asOf: IsoDate) {
  const unit = await resolveUnitParam(viewer, unitCode, asOf);
  if (unit === "notFound") return null;
  const children: ChildFigures[] = unit?.level === "COMMUNE" ? [] : (await getCoverage(viewer, unit?.id ?? null, asOf)).children;
  const within = withinCode ? (children.find((c) => c.code === withinCode) ?? null) : null;
  return { unit, children, within };
}
