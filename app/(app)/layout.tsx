import { AppHeader } from "@/components/layout/app-header";
import { SessionKeepAlive } from "@/components/layout/session-keep-alive";
import { sessionEnv } from "@/lib/env";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // the layout also frames the account set-up pages (password, two-factor); every other page sends a user who owes one there
  const [viewer, i18n] = await Promise.all([requireViewer({ accountSetup: true }), getI18n()]);
  return (
    <>
      <AppHeader viewer={viewer} i18n={i18n} />
      <SessionKeepAlive idleMinutes={sessionEnv().SESSION_IDLE_MINUTES} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
