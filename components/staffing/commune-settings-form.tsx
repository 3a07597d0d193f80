"use client";
import { CheckboxField, FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { changeCommuneSettingsAction } from "@/lib/staffing/actions";
import { CommuneSettingsSchema } from "@/lib/staffing/schemas";

type Props = {
  locale: Locale;
  communeId: number;
  current: { staffingNorm: number; isBorder: boolean; inProgramme: boolean | null; phaseId: number | null; version: number };
  phases: { id: number; label: string }[];
};

export function CommuneSettingsForm({ locale, communeId, current, phases }: Props) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(changeCommuneSettingsAction, CommuneSettingsSchema);
  const f = { formId: "settings" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="settings-form">
      <input type="hidden" name="communeId" value={communeId} />
      <input type="hidden" name="version" value={current.version} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField {...f} name="staffingNorm" label={t("settings.norm")} inputMode="numeric" defaultValue={String(current.staffingNorm)} error={form.errorOf("staffingNorm")} />
        <CheckboxField {...f} name="isBorder" label={t("settings.border")} defaultChecked={current.isBorder} />
        <TextField {...f} name="effectiveFrom" label={t("settings.from")} hint={t("form.dateHint")} inputMode="numeric" error={form.errorOf("effectiveFrom")} />
        <SelectField {...f} name="inProgramme" label={t("settings.inProgramme")} placeholder={t("settings.followPlans")}
          defaultValue={current.inProgramme === null ? "" : String(current.inProgramme)}
          options={[{ value: "true", label: t("settings.forceIn") }, { value: "false", label: t("settings.forceOut") }]} error={form.errorOf("inProgramme")} />
        <SelectField {...f} name="phaseId" label={t("settings.phase")} placeholder={t("settings.noPhase")} defaultValue={current.phaseId}
          options={phases.map((p) => ({ value: p.id, label: p.label }))} error={form.errorOf("phaseId")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("form.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}
