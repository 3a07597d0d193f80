import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { apiViewer, type Viewer } from "@/lib/auth/session";
import { isTransientDbError, TRY_AGAIN } from "@/lib/db/errors";

// The routes the signed-in app calls (downloads, the import, its templates). Every one goes through
// sessionRoute(): the session (401 signed out, 403 while an account setup is pending), then the handler;
// a unit outside the scope that a figure function refuses with notFound() is a 404; a database outage
// (a restart, an exhausted pool) is a 503 "try again" with Retry-After, like server actions and the read
// API; any other failure is logged and answered 500 without internals. Errors are JSON { error }.

type RouteContext<P> = { params: Promise<P> };

/** Next's notFound() (thrown by the figure functions for a unit outside the scope). */
export const isNotFoundSignal = (err: unknown) => String((err as { digest?: unknown } | null)?.digest ?? "").includes("404");

export const routeError = (status: 400 | 403 | 404 | 413 | 500 | 503, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: message }, { status, headers: { "Cache-Control": "no-store", ...headers } });

export const tryAgainResponse = () => routeError(503, TRY_AGAIN, { "Retry-After": "5" });

export function sessionRoute<P = Record<string, never>>(name: string, handler: (request: NextRequest, viewer: Viewer, params: P) => Promise<Response>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const viewer = await apiViewer();
      if (viewer instanceof Response) return viewer;
      return await handler(request, viewer, await context.params);
    } catch (err) {
      if (isNotFoundSignal(err)) return routeError(404, "Không tìm thấy đơn vị.");
      if (isTransientDbError(err)) {
        console.warn(`${name}: database unavailable`, err instanceof Error ? err.message : err);
        return tryAgainResponse();
      }
      console.error(`${name} failed`, err);
      return routeError(500, "Lỗi hệ thống; hãy thử lại sau.");
    }
  };
}
