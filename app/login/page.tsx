import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { getViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("login.title") };
}

/** Only same-site paths: never send a user to another host after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; changed?: string; signedOut?: string; idle?: string }> }) {
  const [viewer, i18n, sp] = await Promise.all([getViewer(), getI18n(), searchParams]);
  const callbackUrl = safeCallback(sp.callbackUrl);
  if (viewer) redirect(callbackUrl);
  const { t } = i18n;
  return (
    <main id="main" className="grid min-h-screen place-items-center bg-brand-800 px-4 py-10">
      <div className="w-full max-w-md rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div className="flex items-center gap-3">
            <span aria-hidden className="grid h-11 w-11 place-items-center rounded-full bg-accent-400 text-xl font-bold text-brand-900">★</span>
            <div>
              <p className="text-lg font-semibold leading-tight text-brand-900">{t("app.name")}</p>
              <p className="text-xs text-stone-500">{t("app.tagline")}</p>
            </div>
          </div>
          <LanguageSwitch i18n={i18n} tone="light" />
        </div>
        <h1 className="mb-1 text-xl font-semibold">{t("login.title")}</h1>
        <p className="mb-5 text-sm text-stone-600">{t("login.intro")}</p>
        {(sp.changed === "1" || sp.signedOut === "all") && (
          <p role="status" className="mb-4 rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
            {t(sp.changed === "1" ? "login.changed" : "login.signedOutAll")}
          </p>
        )}
        {sp.idle === "1" && (
          <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("login.idle")}</p>
        )}
        <LoginForm
          callbackUrl={callbackUrl}
          locale={i18n.locale}
          labels={{
            username: t("login.username"),
            password: t("login.password"),
            submit: t("login.submit"),
            submitting: t("login.submitting"),
            invalid: t("login.invalid"),
            locked: t("login.locked"),
            usernameRequired: t("login.usernameRequired"),
            passwordRequired: t("login.passwordRequired"),
            otp: t("login.otp"),
            otpPrompt: t("login.otpPrompt"),
            otpInvalid: t("login.otpInvalid"),
            otpRequired: t("login.otpRequired"),
          }}
        />
      </div>
    </main>
  );
}
