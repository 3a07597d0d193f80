"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { ReasonTransitionSchema, SaveReturnSchema, TransitionSchema } from "./schemas";
import * as service from "./service";

export const saveReturnAction = scopedAction(SaveReturnSchema, "workflow:returns", service.saveReturn);
export const submitReturnAction = scopedAction(TransitionSchema, "workflow:returns", service.submitReturn);
export const approveReturnAction = scopedAction(TransitionSchema, "workflow:returns", service.approveReturn);
export const returnReturnAction = scopedAction(ReasonTransitionSchema, "workflow:returns", service.returnReturn);
export const reopenReturnAction = scopedAction(ReasonTransitionSchema, "workflow:returns", service.reopenReturn);
