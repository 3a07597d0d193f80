"use client";
import { useState } from "react";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { changeFacilityAction } from "@/lib/facilities/actions";
import { EQUIPMENT, FacilitySchema, HQ_STATUSES, type EquipmentName, type HqStatusName } from "@/lib/facilities/schemas";
import { i18nFor, type Locale } from "@/lib/i18n";

/** Records a change of headquarters status or equipment from a date (the record in force ends that day). */
export function FacilityForm({ locale, communeId, version, hqStatus, equipment }: { locale: Locale; communeId: number; version: number; hqStatus: HqStatusName | null; equipment: EquipmentName[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(changeFacilityAction, FacilitySchema);
  const [items, setItems] = useState<EquipmentName[]>(equipment);
  const f = { formId: "facility" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="facility-form">
      <input type="hidden" name="communeId" value={communeId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="equipment" value={items.join(",")} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField {...f} name="hqStatus" label={t("facility.hqStatus")} placeholder="—" defaultValue={hqStatus ?? ""}
          options={HQ_STATUSES.map((s) => ({ value: s, label: t(`facility.status.${s}`) }))} error={form.errorOf("hqStatus")} />
        <TextField {...f} name="effectiveFrom" label={t("facility.effectiveFrom")} hint={t("form.dateHint")} error={form.errorOf("effectiveFrom")} />
        <TextField {...f} name="note" label={t("facility.note")} error={form.errorOf("note")} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-stone-700">{t("facility.equipment")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {EQUIPMENT.map((e) => (
            <label key={e} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={items.includes(e)}
                onChange={(ev) => setItems((cur) => (ev.target.checked ? [...cur, e] : cur.filter((x) => x !== e)))}
                className="h-4 w-4 rounded border-stone-300"
              />
              {t(`facility.item.${e}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("facility.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}
