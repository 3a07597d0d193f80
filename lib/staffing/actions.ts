"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { AssignSchema, CommuneSettingsSchema, CorrectAssignmentSchema, CreateOfficerSchema, EndAssignmentSchema, TransferSchema, UpdateOfficerSchema } from "./schemas";
import * as service from "./service";
import { changeCommuneSettings } from "./settings";

// Server actions are public POST endpoints: the wrapper checks session, input and permission; the
// service checks the scope of every id it is given.
export const createOfficerAction = scopedAction(CreateOfficerSchema, "write:staffing", service.createOfficer);
export const updateOfficerAction = scopedAction(UpdateOfficerSchema, "write:staffing", service.updateOfficer);
export const transferOfficerAction = scopedAction(TransferSchema, "write:staffing", service.transferOfficer);
export const endAssignmentAction = scopedAction(EndAssignmentSchema, "write:staffing", service.endAssignment);
export const changeCommuneSettingsAction = scopedAction(CommuneSettingsSchema, "write:staffing", changeCommuneSettings);
export const correctAssignmentAction = scopedAction(CorrectAssignmentSchema, "write:staffing", service.correctAssignment);
export const assignOfficerAction = scopedAction(AssignSchema, "write:staffing", service.assignOfficer);
