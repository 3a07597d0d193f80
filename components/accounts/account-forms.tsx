"use client";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/forms/action-button";
import { FormStatus, SubmitButton } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { changePasswordAction, signOutEverywhereAction } from "@/lib/accounts/actions";
import { ChangePasswordSchema } from "@/lib/auth/password-policy";
import { i18nFor, type Locale } from "@/lib/i18n";

const input =
  "mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600";

export function PasswordInput({ name, label, error, autoComplete, idPrefix = "pw" }: { name: string; label: string; error?: string; autoComplete: string; idPrefix?: string }) {
  const id = `${idPrefix}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">{label}</label>
      <input id={id} name={name} type="password" autoComplete={autoComplete} className={input}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <p id={`${id}-error`} aria-live="polite" className="mt-1 min-h-4 text-xs text-red-700">{error}</p>
    </div>
  );
}

/** After the change every session has ended, this one too: the user signs in again with the new password. */
export function ChangePasswordForm({ locale }: { locale: Locale }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const form = useActionForm<null>(changePasswordAction, ChangePasswordSchema, { onSuccess: () => router.replace("/login?changed=1") });
  return (
    <form onSubmit={form.onSubmit} noValidate className="max-w-md space-y-1" data-testid="change-password-form">
      <PasswordInput name="currentPassword" label={t("password.current")} error={form.errorOf("currentPassword")} autoComplete="current-password" />
      <PasswordInput name="newPassword" label={t("password.new")} error={form.errorOf("newPassword")} autoComplete="new-password" />
      <PasswordInput name="confirmPassword" label={t("password.confirm")} error={form.errorOf("confirmPassword")} autoComplete="new-password" />
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("password.submit")} pendingLabel={t("password.submitting")} />
    </form>
  );
}

export function SignOutEverywhereButton({ locale }: { locale: Locale }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  return (
    <ActionButton
      look="danger"
      label={t("profile.signOutEverywhere")}
      pendingLabel={t("profile.signingOut")}
      run={() => signOutEverywhereAction(new FormData())}
      onSuccess={() => router.replace("/login?signedOut=all")}
    />
  );
}
