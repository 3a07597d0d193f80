"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm, useRefreshingActionForm } from "@/components/forms/use-action-form";
import type { ActionResult } from "@/lib/actions/result";
import { i18nFor, type Locale } from "@/lib/i18n";
import { createUserAction, resetUserPasswordAction, resetUserTotpAction, setTotpPolicyAction, setUserDisabledAction, updateUserAction } from "@/lib/users/actions";
import { CreateUserSchema, UpdateUserSchema, type RoleName } from "@/lib/users/schemas";

function TemporaryPassword({ locale, username, password }: { locale: Locale; username: string; password: string }) {
  const { t } = i18nFor(locale);
  return (
    <div role="status" className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="temporary-password">
      <p className="font-semibold">{t("user.temp.title", { username })}</p>
      <code className="inline-block rounded bg-white px-2 py-1 font-mono text-base tracking-wider ring-1 ring-amber-300" data-testid="temporary-password-value">
        {password}
      </code>
      <p>{t("user.temp.hint")}</p>
    </div>
  );
}

const roleOptions = (locale: Locale, roles: RoleName[]) => roles.map((r) => ({ value: r, label: i18nFor(locale).t(`role.${r}`) }));

export function CreateUserForm({ locale, roles }: { locale: Locale; roles: RoleName[] }) {
  const { t } = i18nFor(locale);
  const formRef = useRef<HTMLFormElement>(null);
  const [made, setMade] = useState<{ userId: number; username: string; temporaryPassword: string } | null>(null);
  const form = useActionForm<{ userId: number; username: string; temporaryPassword: string }>(createUserAction, CreateUserSchema, {
    onSuccess: (r) => {
      setMade(r.data);
      formRef.current?.reset();
    },
  });
  return (
    <div className="space-y-3">
      <form ref={formRef} onSubmit={form.onSubmit} noValidate className="space-y-1" data-testid="create-user-form">
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField formId="nu" name="username" label={t("user.form.username")} hint={t("user.form.usernameHint")} error={form.errorOf("username")} />
          <TextField formId="nu" name="displayName" label={t("user.form.displayName")} error={form.errorOf("displayName")} />
          <SelectField formId="nu" name="role" label={t("user.form.role")} placeholder="—" defaultValue={roles.length === 1 ? roles[0] : ""} options={roleOptions(locale, roles)} error={form.errorOf("role")} />
          <TextField formId="nu" name="unitCode" label={t("user.form.unitCode")} hint={t("user.form.unitHint")} inputMode="numeric" error={form.errorOf("unitCode")} />
        </div>
        <FormStatus result={form.result} />
        <SubmitButton pending={form.pending} label={t("user.create.submit")} pendingLabel={t("user.create.submitting")} />
      </form>
      {made && (
        <>
          <TemporaryPassword locale={locale} username={made.username} password={made.temporaryPassword} />
          <Link href={`/users/${made.userId}`} className="text-sm font-medium text-brand-700 hover:underline">{t("user.open")}</Link>
        </>
      )}
    </div>
  );
}

export function EditUserForm({ locale, roles, user }: { locale: Locale; roles: RoleName[]; user: { id: number; displayName: string; role: RoleName; unitCode: string | null } }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(updateUserAction, UpdateUserSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-1" data-testid="edit-user-form">
      <input type="hidden" name="id" value={user.id} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField formId="eu" name="displayName" label={t("user.form.displayName")} defaultValue={user.displayName} error={form.errorOf("displayName")} />
        <SelectField formId="eu" name="role" label={t("user.form.role")} placeholder="—" defaultValue={user.role} options={roleOptions(locale, roles.includes(user.role) ? roles : [user.role, ...roles])} error={form.errorOf("role")} />
        <TextField formId="eu" name="unitCode" label={t("user.form.unitCode")} hint={t("user.form.unitHint")} defaultValue={user.unitCode} inputMode="numeric" error={form.errorOf("unitCode")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("user.save")} pendingLabel={t("user.saving")} />
    </form>
  );
}

/** A button that asks first, runs one account action, and shows its result (and a temporary password). */
function ConfirmButton({ label, confirm, run, locale, testId, tone = "danger", who = "" }: {
  label: string; confirm: string; run: () => Promise<ActionResult<unknown>>; locale: Locale; testId: string; tone?: "danger" | "plain"; who?: string;
}) {
  const { t } = i18nFor(locale);
  const temporary = (data: unknown) => (data as { temporaryPassword?: string } | null)?.temporaryPassword;
  return (
    <ActionButton
      look={tone}
      testId={testId}
      label={label}
      pendingLabel={t("user.working")}
      confirm={confirm}
      run={run}
      renderSuccess={(data: unknown) => {
        const password = temporary(data);
        return password ? <TemporaryPassword locale={locale} username={who} password={password} /> : undefined;
      }}
    />
  );
}

const fd = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};

export function UserSecurityActions({ locale, user }: { locale: Locale; user: { id: number; username: string; disabled: boolean; totp: boolean } }) {
  const { t } = i18nFor(locale);
  const name = user.username;
  return (
    <div className="flex flex-wrap items-start gap-4">
      {user.disabled ? (
        <ConfirmButton locale={locale} testId="enable-user" tone="plain" label={t("user.enable")} confirm={`${t("user.enable")}: ${name}?`} run={() => setUserDisabledAction(fd({ id: user.id, disabled: "false" }))} />
      ) : (
        <ConfirmButton locale={locale} testId="disable-user" label={t("user.disable")} confirm={t("user.disableConfirm", { name })} run={() => setUserDisabledAction(fd({ id: user.id, disabled: "true" }))} />
      )}
      <ConfirmButton locale={locale} testId="reset-password" label={t("user.resetPassword")} who={name} confirm={t("user.resetPasswordConfirm", { name })} run={() => resetUserPasswordAction(fd({ id: user.id }))} />
      {user.totp && (
        <ConfirmButton locale={locale} testId="reset-totp" label={t("user.resetTotp")} confirm={t("user.resetTotpConfirm", { name })} run={() => resetUserTotpAction(fd({ id: user.id }))} />
      )}
    </div>
  );
}

export function TotpPolicyToggle({ locale, role, required }: { locale: Locale; role: RoleName; required: boolean }) {
  const { t } = i18nFor(locale);
  const label = required ? t("users.policy.unrequire") : t("users.policy.require");
  return (
    <ConfirmButton locale={locale} testId={`totp-policy-${role}`} tone={required ? "plain" : "danger"} label={label}
      confirm={`${label}: ${t(`role.${role}`)}?`} run={() => setTotpPolicyAction(fd({ role, required: String(!required) }))} />
  );
}
