"use client";
import { useRouter } from "next/navigation";
import { PasswordInput } from "@/components/accounts/account-forms";
import { ActionButton } from "@/components/forms/action-button";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { confirmTotpAction, disableTotpAction, startTotpAction } from "@/lib/accounts/actions";
import { ConfirmTotpSchema, DisableTotpSchema } from "@/lib/accounts/schemas";
import { i18nFor, type Locale } from "@/lib/i18n";

/** Makes a new secret; the page then shows its QR code. */
export function StartTotpButton({ locale, again = false }: { locale: Locale; again?: boolean }) {
  const { t } = i18nFor(locale);
  return (
    <ActionButton
      look={again ? "link" : "primary"}
      testId="start-totp"
      label={again ? t("totp.restart") : t("totp.start")}
      pendingLabel={t("totp.starting")}
      run={() => startTotpAction(new FormData())}
      quietSuccess
    />
  );
}

export function ConfirmTotpForm({ locale }: { locale: Locale }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const form = useActionForm<null>(confirmTotpAction, ConfirmTotpSchema, { onSuccess: () => router.refresh() });
  return (
    <form onSubmit={form.onSubmit} noValidate className="max-w-xs space-y-1" data-testid="confirm-totp-form">
      <TextField formId="totp" name="code" label={t("totp.code")} inputMode="numeric" autoComplete="one-time-code" error={form.errorOf("code")} />
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("totp.confirm")} pendingLabel={t("totp.confirming")} />
    </form>
  );
}

export function DisableTotpForm({ locale }: { locale: Locale }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const form = useActionForm<null>(disableTotpAction, DisableTotpSchema, { onSuccess: () => router.refresh() });
  return (
    <form onSubmit={form.onSubmit} noValidate className="max-w-md space-y-1" data-testid="disable-totp-form">
      <div className="grid gap-x-4 sm:grid-cols-2">
        <PasswordInput idPrefix="dt" name="currentPassword" label={t("password.current")} error={form.errorOf("currentPassword")} autoComplete="current-password" />
        <TextField formId="dt" name="code" label={t("totp.code")} inputMode="numeric" autoComplete="one-time-code" error={form.errorOf("code")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton tone="danger" pending={form.pending} label={t("totp.disable")} pendingLabel={t("totp.disabling")} />
    </form>
  );
}
