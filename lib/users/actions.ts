"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { CreateUserSchema, SetDisabledSchema, TotpPolicySchema, UpdateUserSchema, UserIdSchema } from "./schemas";
import * as service from "./service";

// The role is checked by the wrapper ("manage:users": admins and provincial police); which accounts and
// units each may touch is checked by the service (404 outside the reach).
export const createUserAction = scopedAction(CreateUserSchema, "manage:users", service.createUser);
export const updateUserAction = scopedAction(UpdateUserSchema, "manage:users", service.updateUser);
export const setUserDisabledAction = scopedAction(SetDisabledSchema, "manage:users", service.setDisabled);
export const resetUserPasswordAction = scopedAction(UserIdSchema, "manage:users", service.resetPassword);
export const resetUserTotpAction = scopedAction(UserIdSchema, "manage:users", service.resetTotp);
export const setTotpPolicyAction = scopedAction(TotpPolicySchema, "manage:users", service.setTotpPolicy);
