"use client";
import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="rounded border border-brand-100/40 px-3 py-1 text-sm text-brand-50 hover:bg-brand-700"
    >
      {label}
    </button>
  );
}
