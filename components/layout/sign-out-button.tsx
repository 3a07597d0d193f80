"use client";
import { signOut } from "next-auth/react";

/**
 * Signs out. A real form posting to next-auth's sign-out endpoint (with its CSRF token), so it works even when
 * clicked before the page's scripts have loaded; once they have, next-auth's client does it without a reload.
 */
export function SignOutButton({ label, csrfToken }: { label: string; csrfToken: string | null }) {
  return (
    <form
      method="post"
      action="/api/auth/signout"
      onSubmit={(e) => {
        e.preventDefault();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {csrfToken && <input type="hidden" name="csrfToken" value={csrfToken} />}
      <input type="hidden" name="callbackUrl" value="/login" />
      <button type="submit" className="rounded border border-brand-100/40 px-3 py-1 text-sm text-brand-50 hover:bg-brand-700">
        {label}
      </button>
    </form>
  );
}
