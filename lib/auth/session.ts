import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { MUST_CHANGE_PASSWORD, SIGNED_OUT } from "@/lib/actions/result";
import { cache } from "react";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums.ts";
import { authOptions } from "./options";

/** The signed-in user as every page and data function sees them. */
export type Viewer = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** the unit whose subtree the user may see; null = nationwide (ministry, admin) */
  unitId: number | null;
  unitCode: string | null;
  /** an administrator created or reset the account: nothing but choosing a password is allowed */
  mustChangePassword?: boolean;
};

/** The current viewer, or null when signed out / disabled. Read from the database once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.uid },
    select: { id: true, username: true, displayName: true, role: true, unitId: true, disabled: true, sessionVersion: true, mustChangePassword: true, unit: { select: { code: true } } },
  });
  // a session from before "sign out everywhere", a password change or a reset is over
  if (!user || user.disabled || user.sessionVersion !== (session.sv ?? 1)) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitCode: user.unit?.code ?? null,
    mustChangePassword: user.mustChangePassword,
  };
});

/** The viewer of a page; signed-out visitors go to the sign-in page, and a user who must choose a password to that form. */
export async function requireViewer(opts: { passwordChange?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.mustChangePassword && !opts.passwordChange) redirect("/profile/password");
  return viewer;
}

/** The viewer of a session API route, or the answer to send instead: 401 when signed out, 403 while a password change is due. */
export async function apiViewer(): Promise<Viewer | NextResponse> {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: SIGNED_OUT }, { status: 401 });
  if (viewer.mustChangePassword) return NextResponse.json({ error: MUST_CHANGE_PASSWORD }, { status: 403 });
  return viewer;
}
