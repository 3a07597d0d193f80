import { NextResponse } from "next/server";
import { routeError, tryAgainResponse } from "@/lib/api/session-route";
import { getViewer } from "@/lib/auth/session";
import { SIGNED_OUT } from "@/lib/actions/result";
import { isTransientDbError } from "@/lib/db/errors";

/**
 * GET /api/me — who is signed in in this browser: name, account, role. The header shows it
 * (components/layout/viewer-badge.tsx), since the pages themselves are shared by every user of the same role
 * and unit (lib/cache/pages.ts). Answers a user who still owes an account set-up too: it is their own name.
 * 401 signed out.
 */
export async function GET(): Promise<Response> {
  try {
    const viewer = await getViewer();
    if (!viewer) return NextResponse.json({ error: SIGNED_OUT }, { status: 401, headers: { "Cache-Control": "no-store" } });
    return NextResponse.json(
      { displayName: viewer.displayName, username: viewer.username, role: viewer.role },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (err) {
    if (isTransientDbError(err)) return tryAgainResponse();
    console.error("me failed", err);
    return routeError(500, "Lỗi hệ thống; hãy thử lại sau.");
  }
}
