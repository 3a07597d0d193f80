"use client";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { INDICATORS } from "@/lib/results/indicators";
import { createTargetAction, reportTargetProgressAction } from "@/lib/results/actions";
import { CreateTargetSchema, TargetProgressSchema } from "@/lib/results/schemas";

/** Province HQ or the ministry sets a target for a unit in their scope. */
export function CreateTargetForm({ locale, unitCode }: { locale: Locale; unitCode: string }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(createTargetAction, CreateTargetSchema);
  const f = { formId: "target" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="create-target-form">
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField {...f} name="title" label={t("target.title")} error={form.errorOf("title")} />
        <SelectField {...f} name="indicator" label={t("target.indicator")} placeholder="—" options={INDICATORS.map((i) => ({ value: i.key, label: t(`indicator.${i.key}`) }))} error={form.errorOf("indicator")} />
        <TextField {...f} name="unit" label={t("target.unit")} defaultValue={unitCode} inputMode="numeric" error={form.errorOf("unit")} />
        <TextField {...f} name="periodStart" label={t("target.periodStart")} hint={t("form.dateHint")} error={form.errorOf("periodStart")} />
        <TextField {...f} name="dueDate" label={t("target.dueDate")} hint={t("form.dateHint")} error={form.errorOf("dueDate")} />
        <TextField {...f} name="target" label={t("target.value")} inputMode="numeric" error={form.errorOf("target")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("target.create")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** A dated running total reported against a target. */
export function TargetProgressForm({ locale, targetId }: { locale: Locale; targetId: number }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(reportTargetProgressAction, TargetProgressSchema);
  const f = { formId: `progress-${targetId}` };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-1" data-testid={`progress-form-${targetId}`}>
      <input type="hidden" name="targetId" value={targetId} />
      <div className="grid gap-x-3 sm:grid-cols-3">
        <TextField {...f} name="reportedOn" label={t("target.reportedOn")} hint={t("form.dateHint")} error={form.errorOf("reportedOn")} />
        <TextField {...f} name="value" label={t("target.reached")} inputMode="numeric" error={form.errorOf("value")} />
        <TextField {...f} name="note" label={t("return.note")} error={form.errorOf("note")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("target.saveProgress")} pendingLabel={t("form.saving")} />
    </form>
  );
}
