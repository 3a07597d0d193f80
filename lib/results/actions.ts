"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { CreateTargetSchema, ReasonTransitionSchema, SaveReturnSchema, TargetProgressSchema, TransitionSchema } from "./schemas";
import * as service from "./service";
import * as targets from "./targets";

export const saveReturnAction = scopedAction(SaveReturnSchema, "workflow:returns", service.saveReturn);
export const submitReturnAction = scopedAction(TransitionSchema, "workflow:returns", service.submitReturn);
export const approveReturnAction = scopedAction(TransitionSchema, "workflow:returns", service.approveReturn);
export const returnReturnAction = scopedAction(ReasonTransitionSchema, "workflow:returns", service.returnReturn);
export const reopenReturnAction = scopedAction(ReasonTransitionSchema, "workflow:returns", service.reopenReturn);
export const createTargetAction = scopedAction(CreateTargetSchema, "workflow:returns", targets.createTarget);
export const reportTargetProgressAction = scopedAction(TargetProgressSchema, "workflow:returns", targets.reportTargetProgress);
