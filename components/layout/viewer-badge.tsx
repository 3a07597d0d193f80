"use client";
import Link from "next/link";
import { useEffect, useState } from "react";

type Me = { displayName: string; username: string; role: string };

/**
 * The signed-in user's name and account in the header, linking to their profile. Read by the browser from
 * /api/me rather than written into the page, because the page is shared by every user of the same role and
 * unit (lib/cache/pages.ts); until it arrives the link reads "My account" (not "Account", the menu's link to the
 * users' accounts).
 */
export function ViewerBadge({ label, placeholder, roleLabels }: { label: string; placeholder: string; roleLabels: Record<string, string> }) {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/me", { credentials: "same-origin", cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<Me>) : null))
      .then((m) => {
        if (live && m) setMe(m);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return (
    <Link href="/profile" className="rounded px-1.5 py-0.5 text-right text-sm leading-tight hover:bg-brand-700" data-testid="viewer" title={label}>
      <span className="block min-w-20 font-medium">{me?.displayName ?? placeholder}</span>
      {me && (
        <span className="hidden text-xs text-brand-100 2xl:block">
          {roleLabels[me.role] ?? me.role} · {me.username}
        </span>
      )}
    </Link>
  );
}
