import { signOutAction } from "@/lib/auth/actions";

/**
 * Signs out (lib/auth/actions.ts). A real form posting to a server action, so it works even when clicked before
 * the page's scripts have loaded; once they have, React posts it without a reload. Deleting the cookies in the
 * action also empties the client router's cache of the pages seen so far.
 */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-brand-100/40 px-3 py-1 text-sm text-brand-50 hover:bg-brand-700">
        {label}
      </button>
    </form>
  );
}
