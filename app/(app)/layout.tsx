import { AppHeader } from "@/components/layout/app-header";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // the layout also frames the change-password page; every page sends a user who must change theirs there
  const [viewer, i18n] = await Promise.all([requireViewer({ passwordChange: true }), getI18n()]);
  return (
    <>
      <AppHeader viewer={viewer} i18n={i18n} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
