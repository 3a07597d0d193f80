"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { FacilitySchema } from "./schemas";
import { changeFacility } from "./service";

export const changeFacilityAction = scopedAction(FacilitySchema, "write:staffing", changeFacility);
