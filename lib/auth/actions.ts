"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

// next-auth's cookies (v4): the session token (split into .0, .1… when long), the CSRF token and the callback
// address, with the __Secure- / __Host- prefixes it uses over HTTPS.
const NEXT_AUTH_COOKIE = /^(?:__Secure-|__Host-)?next-auth\./;

/**
 * Signs out of this browser: next-auth's cookies are deleted and the sign-in page is shown. A server action
 * rather than next-auth's sign-out endpoint, so that the button needs no per-browser CSRF token in the page
 * (the pages are shared by the page cache, lib/cache/pages.ts); Next checks that the post comes from this
 * origin. It works before the page's scripts have loaded (a plain form post). Needs no valid session: signing
 * out of an expired or revoked one only clears the cookies.
 */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (!NEXT_AUTH_COOKIE.test(name)) continue;
    // a prefixed cookie is only replaced by one set with the same attributes (Secure, Path=/)
    jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__") });
  }
  redirect("/login");
}
