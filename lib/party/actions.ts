"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { AddMembershipSchema, ChangeSecretarySchema, DissolveCellSchema, EndMembershipSchema, EstablishCellSchema } from "./schemas";
import * as service from "./service";

export const establishCellAction = scopedAction(EstablishCellSchema, "write:staffing", service.establishCell);
export const changeSecretaryAction = scopedAction(ChangeSecretarySchema, "write:staffing", service.changeSecretary);
export const dissolveCellAction = scopedAction(DissolveCellSchema, "write:staffing", service.dissolveCell);
export const addMembershipAction = scopedAction(AddMembershipSchema, "write:staffing", service.addMembership);
export const endMembershipAction = scopedAction(EndMembershipSchema, "write:staffing", service.endMembership);
