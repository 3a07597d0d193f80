import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { servePage } from "@/lib/cache/pages";

// Sends signed-out visitors to the sign-in page, and answers the dashboards from the rendered-page cache
// (lib/cache/pages.ts, which checks the viewer from the database as every page does). Every page, action and
// API route checks the session and the unit scope itself on the server (lib/auth/session.ts, lib/auth/scope.ts).
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request });
  if (token) return (await servePage(request, token)) ?? NextResponse.next();
  const url = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") url.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!login|api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|woff2?|css|js)$).*)"],
};
