import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import "@/lib/validation"; // Vietnamese messages for zod
import { getViewer, pendingSetup, type Viewer } from "@/lib/auth/session";
import { constraintMessage } from "@/lib/db/constraint-messages";
import { isTransientDbError, TRY_AGAIN } from "@/lib/db/errors";
import { ActionError, fieldErrorsOf, FORBIDDEN, INVALID_INPUT, SIGNED_OUT, SYSTEM_FAILURE, type ActionResult } from "./result";

// One wrapper for every server action: session, parsing with the input's zod schema, permission, then
// the service — which checks the unit scope of every id it touches. Server actions are public POST
// endpoints, so nothing here relies on the UI having hidden a button.

export type Permission = "write:staffing" | "manage:ownTokens" | "workflow:returns" | "criteria" | "account:self" | "manage:users";

const GRANTS: Record<Permission, readonly Viewer["role"][]> = {
  // district police for their district, province HQ for the province; the ministry and admins read only
  "write:staffing": ["DISTRICT", "PROVINCE"],
  // monthly returns: who may take which step is decided per step by lib/results/service.ts
  "workflow:returns": ["DISTRICT", "PROVINCE", "MINISTRY"],
  // criteria: admins configure sets, district and province staff assess (checked per step by lib/criteria/service.ts)
  criteria: ["DISTRICT", "PROVINCE", "ADMIN"],
  // every user may hold read-only API tokens for their own scope
  "manage:ownTokens": ["DISTRICT", "PROVINCE", "MINISTRY", "ADMIN"],
  // one's own password and sessions
  "account:self": ["DISTRICT", "PROVINCE", "MINISTRY", "ADMIN"],
  // user management: admins everywhere, provincial police for their districts' accounts (lib/users/service.ts)
  "manage:users": ["PROVINCE", "ADMIN"],
};

export function can(viewer: Viewer, permission: Permission): boolean {
  return GRANTS[permission].includes(viewer.role);
}

function formToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of input.entries()) if (!k.startsWith("$ACTION")) out[k] = typeof v === "string" ? v : undefined;
  return out;
}

/** Runs a service for a given viewer: what every action does after reading the session (tests call it directly). */
export async function runAction<S extends z.ZodType, T>(
  viewer: Viewer | null,
  schema: S,
  permission: Permission,
  fn: (input: z.infer<S>, viewer: Viewer) => Promise<ActionResult<T>>,
  raw: FormData | Record<string, unknown>,
): Promise<ActionResult<T>> {
  if (!viewer) return { ok: false, message: SIGNED_OUT, signedOut: true };
  const setup = pendingSetup(viewer);
  if (setup && permission !== "account:self") return { ok: false, message: setup.message, forbidden: true };
  if (!can(viewer, permission)) return { ok: false, message: FORBIDDEN, forbidden: true };
  const parsed = schema.safeParse(formToObject(raw));
  if (!parsed.success) {
    return { ok: false, message: INVALID_INPUT, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  try {
    return await fn(parsed.data, viewer);
  } catch (err) {
    if (err instanceof ActionError) return { ok: false, message: err.message, ...err.opts };
    if (isTransientDbError(err)) {
      console.warn("action: database unavailable", err instanceof Error ? err.message : err);
      return { ok: false, message: TRY_AGAIN, retry: true };
    }
    const known = constraintMessage(err);
    if (known) return { ok: false, message: known };
    console.error("action failed", err);
    return { ok: false, message: SYSTEM_FAILURE };
  }
}

/** Builds a server action: (formData) → result. After a change every page re-reads its figures. */
export function scopedAction<S extends z.ZodType, T>(
  schema: S,
  permission: Permission,
  fn: (input: z.infer<S>, viewer: Viewer) => Promise<ActionResult<T>>,
) {
  return async (formData: FormData): Promise<ActionResult<T>> => {
    let viewer: Viewer | null;
    try {
      viewer = await getViewer(); // reads the account: the database may be away too
    } catch (err) {
      if (!isTransientDbError(err)) throw err;
      console.warn("action: database unavailable", err instanceof Error ? err.message : err);
      return { ok: false, message: TRY_AGAIN, retry: true };
    }
    const result = await runAction(viewer, schema, permission, fn, formData);
    if (result.ok) revalidatePath("/", "layout");
    return result;
  };
}
