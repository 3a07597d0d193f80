import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
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
};

/** The current viewer, or null when signed out / disabled. Read from the database once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: number } | null;
  if (!session?.uid) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.uid },
    select: { id: true, username: true, displayName: true, role: true, unitId: true, disabled: true, unit: { select: { code: true } } },
  });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitCode: user.unit?.code ?? null,
  };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}
