"use client";
import { signOut } from "next-auth/react";
import { useEffect } from "react";

const PING_EVERY_MS = 60_000;
const EVENTS = ["pointerdown", "keydown", "scroll", "touchstart"] as const;

/**
 * Inactivity expiry, the browser's half (lib/auth/options.ts has the server's): while the user is
 * active, asks /api/auth/session at most once a minute so next-auth issues a fresh session token; after
 * `idleMinutes` with no activity, signs out and shows the sign-in page — the token has run out on the
 * server by then anyway, and the screen no longer shows personnel data to whoever walks by.
 */
export function SessionKeepAlive({ idleMinutes }: { idleMinutes: number }) {
  useEffect(() => {
    let lastActivity = Date.now();
    let lastPing = Date.now();
    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastPing >= PING_EVERY_MS) {
        lastPing = lastActivity;
        void fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
      }
    };
    for (const e of EVENTS) window.addEventListener(e, onActivity, { passive: true });
    // listening from now on (the browser tests wait for it before moving the clock)
    document.body.dataset.keepAlive = "on";
    const timer = window.setInterval(() => {
      // signs out for real (the cookie goes too) and loads the sign-in page afresh, so nothing of the pages
      // seen so far stays in the client router's cache
      if (Date.now() - lastActivity >= idleMinutes * 60_000) {
        window.clearInterval(timer);
        void signOut({ callbackUrl: "/login?idle=1" });
      }
    }, 15_000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, onActivity);
      window.clearInterval(timer);
      delete document.body.dataset.keepAlive;
    };
  }, [idleMinutes]);
  return null;
}
