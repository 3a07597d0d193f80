import Link from "next/link";
import type { Viewer } from "@/lib/auth/session";
import { Role } from "@/lib/generated/prisma/enums.ts";
import type { I18n } from "@/lib/i18n";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";
import { ViewerBadge } from "./viewer-badge";

/**
 * The header. Nothing in it is personal but what the role decides (the menu): the pages are shared by every user
 * of the same role and unit (lib/cache/pages.ts), so the user's name is filled in by the browser (ViewerBadge).
 */
export function AppHeader({ viewer, i18n }: { viewer: Pick<Viewer, "role">; i18n: I18n }) {
  const { t } = i18n;
  return (
    <header data-app-header className="bg-brand-800 text-white shadow">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:px-3 focus:py-2 focus:text-brand-900">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-3">
          <span aria-hidden className="grid h-9 w-9 place-items-center rounded-full bg-accent-400 text-lg font-bold text-brand-900">★</span>
          <span>
            <span className="block text-base font-semibold leading-tight">{t("app.name")}</span>
            <span className="hidden text-xs text-brand-100 2xl:block">{t("app.tagline")}</span>
          </span>
        </Link>
        <nav aria-label="Menu" className="flex flex-wrap gap-0.5 text-sm">
          <Link href="/" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.overview")}</Link>
          <Link href="/officers" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.officers")}</Link>
          <Link href="/results" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.results")}</Link>
          <Link href="/criteria" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.criteria")}</Link>
          <Link href="/reports" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.reports")}</Link>
          <Link href="/import" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.import")}</Link>
          <Link href="/audit" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.audit")}</Link>
          <Link href="/reform" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.placements")}</Link>
          {(viewer.role === "ADMIN" || viewer.role === "PROVINCE") && (
            <Link href="/users" className="rounded px-2 py-1.5 text-brand-50 hover:bg-brand-700">{t("nav.users")}</Link>
          )}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <ViewerBadge label={t("nav.profile")} placeholder={t("nav.myAccount")} roleLabels={Object.fromEntries(Object.values(Role).map((r) => [r, t(`role.${r}`)]))} />
          <LanguageSwitch i18n={i18n} />
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </div>
    </header>
  );
}
