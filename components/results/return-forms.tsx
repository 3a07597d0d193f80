"use client";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { approveReturnAction, reopenReturnAction, returnReturnAction, saveReturnAction, submitReturnAction } from "@/lib/results/actions";
import { INDICATORS, type IndicatorValues } from "@/lib/results/indicators";
import { ReasonTransitionSchema, SaveReturnSchema, TransitionSchema } from "@/lib/results/schemas";

const areaClass =
  "mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600";

/** The figures of a commune's return for a month: created or corrected while it is a draft or returned. */
export function ReturnForm({ locale, communeId, month, version, values, note }: { locale: Locale; communeId: number; month: string; version: number | null; values: IndicatorValues | null; note: string | null }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(saveReturnAction, SaveReturnSchema);
  const noteError = form.errorOf("note");
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="return-form">
      <input type="hidden" name="communeId" value={communeId} />
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="version" value={version ?? ""} />
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
        {INDICATORS.map((i) => (
          <TextField key={i.key} formId="ret" name={i.key} label={t(`indicator.${i.key}`)} inputMode="numeric" defaultValue={values ? String(values[i.key]) : ""} error={form.errorOf(i.key)} />
        ))}
      </div>
      <div>
        <label htmlFor="ret-note" className="block text-sm font-medium text-stone-700">{t("return.note")}</label>
        <textarea id="ret-note" name="note" rows={2} defaultValue={note ?? ""} className={areaClass} aria-invalid={noteError ? true : undefined} aria-describedby={noteError ? "ret-note-error" : undefined} />
        <p id="ret-note-error" aria-live="polite" className="mt-1 min-h-4 text-xs text-red-700">{noteError}</p>
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("return.save")} pendingLabel={t("return.saving")} />
    </form>
  );
}

/** Submit (district) or approve (province): one button carrying the return's version. */
export function StepButton({ locale, step, returnId, version }: { locale: Locale; step: "submit" | "approve"; returnId: number; version: number }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(step === "submit" ? submitReturnAction : approveReturnAction, TransitionSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid={`${step}-form`}>
      <input type="hidden" name="returnId" value={returnId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton pending={form.pending} label={t(step === "submit" ? "return.submit" : "return.approve")} pendingLabel={t(step === "submit" ? "return.submitting" : "return.approving")} />
      <FormStatus result={form.result} />
    </form>
  );
}

/** Return (province, a submitted return) or reopen (province or ministry, an approved one): a reason is required. */
export function ReasonForm({ locale, step, returnId, version }: { locale: Locale; step: "return" | "reopen"; returnId: number; version: number }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(step === "return" ? returnReturnAction : reopenReturnAction, ReasonTransitionSchema);
  const error = form.errorOf("reason");
  const id = `${step}-reason`;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid={`${step}-form`}>
      <input type="hidden" name="returnId" value={returnId} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">{t("return.reason")}</label>
      <textarea id={id} name="reason" rows={2} className={areaClass} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <p id={`${id}-error`} aria-live="polite" className="min-h-4 text-xs text-red-700">{error}</p>
      <SubmitButton tone="danger" pending={form.pending} label={t(step === "return" ? "return.returnIt" : "return.reopen")} pendingLabel={t("return.working")} />
      <FormStatus result={form.result} />
    </form>
  );
}
