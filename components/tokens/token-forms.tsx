"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { createTokenAction, revokeTokenAction } from "@/lib/tokens/actions";
import { CreateTokenSchema, RevokeTokenSchema, TOKEN_LIFETIMES } from "@/lib/tokens/schemas";

/** Creates a token and shows its secret once, with a copy button and an example call. */
export function CreateTokenForm({ locale, origin }: { locale: Locale; origin: string }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useActionForm<{ secret: string }>(createTokenAction, CreateTokenSchema, {
    onSuccess: (r) => {
      setSecret(r.data.secret);
      setCopied(false);
      formRef.current?.reset();
      router.refresh();
    },
  });
  return (
    <div className="space-y-3">
      <form ref={formRef} onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="create-token-form">
        <div className="grid gap-x-4 sm:grid-cols-[2fr_1fr]">
          <TextField formId="tok" name="name" label={t("tokens.name")} hint={t("tokens.nameHint")} error={form.errorOf("name")} />
          <SelectField
            formId="tok"
            name="lifetime"
            label={t("tokens.lifetime")}
            placeholder="—"
            defaultValue="90"
            options={TOKEN_LIFETIMES.map((v) => ({ value: v, label: t(`tokens.lifetime.${v}`) }))}
            error={form.errorOf("lifetime")}
          />
        </div>
        <FormStatus result={form.result} />
        <SubmitButton pending={form.pending} label={t("tokens.create")} pendingLabel={t("tokens.creating")} />
      </form>
      {secret && (
        <div role="status" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="token-secret">
          <p className="font-semibold">{t("tokens.secretTitle")}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-300" data-testid="token-secret-value">
              {secret}
            </code>
            <button
              type="button"
              className="rounded border border-amber-700 px-2.5 py-1 text-xs font-medium hover:bg-amber-100"
              onClick={() => navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t("tokens.copied") : t("tokens.copy")}
            </button>
          </div>
          <p>{t("tokens.secretWarning")}</p>
          <p className="font-medium">{t("tokens.example")}</p>
          <pre className="overflow-x-auto rounded bg-stone-900 p-2 text-xs text-stone-100">
            {`curl -H "Authorization: Bearer ${secret}" \\\n  "${origin}/api/v1/coverage?asOf=2021-04-23"`}
          </pre>
        </div>
      )}
    </div>
  );
}

export function RevokeTokenForm({ locale, tokenId, name }: { locale: Locale; tokenId: number; name: string }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const form = useActionForm<null>(revokeTokenAction, RevokeTokenSchema, { onSuccess: () => router.refresh() });
  return (
    <form
      onSubmit={(e) => {
        if (!window.confirm(t("tokens.revokeConfirm", { name }))) e.preventDefault();
        else form.onSubmit(e);
      }}
      noValidate
      data-testid={`revoke-token-${tokenId}`}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={form.pending} className="whitespace-nowrap rounded border border-red-700 px-2.5 py-1 text-xs font-medium text-red-800 hover:bg-red-50 disabled:opacity-60">
        {form.pending ? t("tokens.revoking") : t("tokens.revoke")}
      </button>
      {form.result && !form.result.ok && <p className="mt-1 text-xs text-red-700">{form.result.message}</p>}
    </form>
  );
}
