"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { ConfirmPlacementSchema, MovePlacementSchema } from "./placement-schemas";
import { confirmPlacement, makeChiefPlacement, movePlacement } from "./placements";

// Reviewing placements after a reform is staffing work: district and province police, each in their scope
// (checked by lib/units/placements.ts on the reform's date).
export const confirmPlacementAction = scopedAction(ConfirmPlacementSchema, "write:staffing", confirmPlacement);
export const movePlacementAction = scopedAction(MovePlacementSchema, "write:staffing", movePlacement);
export const makeChiefPlacementAction = scopedAction(ConfirmPlacementSchema, "write:staffing", makeChiefPlacement);
