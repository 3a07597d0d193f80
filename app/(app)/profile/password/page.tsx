import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/accounts/account-forms";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("password.heading") };
}

/** Choosing a new password; the only page a user whose password was set by an administrator can open. */
export default async function ChangePasswordPage() {
  const [viewer, i18n] = await Promise.all([requireViewer({ accountSetup: true }), getI18n()]);
  const { t } = i18n;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold text-stone-900">{t("password.heading")}</h1>
      {viewer.mustChangePassword && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("password.forced")}</p>
      )}
      <p className="text-sm text-stone-700">{t("password.rules")}</p>
      <div className="rounded border border-stone-200 bg-white p-4">
        <ChangePasswordForm locale={i18n.locale} />
      </div>
    </div>
  );
}
