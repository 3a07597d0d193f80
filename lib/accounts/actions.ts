"use server";
import { z } from "zod";
import { scopedAction } from "@/lib/actions/scoped";
import { ChangePasswordSchema } from "@/lib/auth/password-policy";
import { ConfirmTotpSchema, DisableTotpSchema } from "./schemas";
import * as service from "./service";

// "account:self" is the one permission a user who must change their password still has.
export const changePasswordAction = scopedAction(ChangePasswordSchema, "account:self", service.changePassword);
export const signOutEverywhereAction = scopedAction(z.object({}), "account:self", service.signOutEverywhere);
export const startTotpAction = scopedAction(z.object({}), "account:self", service.startTotp);
export const confirmTotpAction = scopedAction(ConfirmTotpSchema, "account:self", (input, viewer) => service.confirmTotp(input, viewer));
export const disableTotpAction = scopedAction(DisableTotpSchema, "account:self", (input, viewer) => service.disableTotp(input, viewer));
