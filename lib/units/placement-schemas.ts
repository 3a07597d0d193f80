import { z } from "zod";
import { idField } from "@/lib/validation";

// Reviewing the placements a reform could not be sure of (reform_placement): the province confirms the proposal,
// or, for an officer of a split commune, moves them to another part of it.

export const ConfirmPlacementSchema = z.object({ placementId: idField("bố trí cần rà soát") });
export type ConfirmPlacementInput = z.infer<typeof ConfirmPlacementSchema>;

export const MovePlacementSchema = z.object({
  placementId: idField("bố trí cần rà soát"),
  successorId: idField("xã mới"),
});
export type MovePlacementInput = z.infer<typeof MovePlacementSchema>;

export const PlacementListParamsSchema = z.object({
  status: z.enum(["open", "reviewed", "all"]).catch("open").default("open"),
  reason: z.enum(["SPLIT", "CHIEF"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type PlacementListParams = z.infer<typeof PlacementListParamsSchema>;
