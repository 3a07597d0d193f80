"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { AssessSchema, CreateSetSchema } from "./schemas";
import { assess, createSet } from "./service";

export const createSetAction = scopedAction(CreateSetSchema, "criteria", createSet);
export const assessAction = scopedAction(AssessSchema, "criteria", assess);
