"use server";
import { scopedAction } from "@/lib/actions/scoped";
import { CreateTokenSchema, RevokeTokenSchema } from "./schemas";
import * as service from "./service";

export const createTokenAction = scopedAction(CreateTokenSchema, "manage:ownTokens", service.createToken);
export const revokeTokenAction = scopedAction(RevokeTokenSchema, "manage:ownTokens", service.revokeToken);
