"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormStatus, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm, useRefreshingActionForm } from "@/components/forms/use-action-form";
import { assessAction, createSetAction } from "@/lib/criteria/actions";
import { ASSESSABLE_TYPES, AssessSchema, CreateSetSchema } from "@/lib/criteria/schemas";
import { i18nFor, type Locale } from "@/lib/i18n";

const areaClass = "mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

type Criterion = { id: number; name: string; weight: number; required: boolean };

/** A commune's assessment for a year: tick the criteria it meets. */
export function AssessForm({ locale, setId, communeId, year, version, criteria, met, assessedOn, note }: {
  locale: Locale; setId: number; communeId: number; year: number; version: number; criteria: Criterion[]; met: number[]; assessedOn: string; note: string | null;
}) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(assessAction, AssessSchema);
  const [ticked, setTicked] = useState<number[]>(met);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="assess-form">
      <input type="hidden" name="setId" value={setId} />
      <input type="hidden" name="communeId" value={communeId} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="met" value={ticked.join(",")} />
      <fieldset>
        <legend className="text-sm font-medium text-stone-700">{t("criteria.met")}</legend>
        <ul className="mt-1 space-y-1">
          {criteria.map((c) => (
            <li key={c.id}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 h-4 w-4" checked={ticked.includes(c.id)} onChange={(e) => setTicked((cur) => (e.target.checked ? [...cur, c.id] : cur.filter((x) => x !== c.id)))} />
                <span>
                  {c.name}
                  <span className="ml-1 text-xs text-stone-500">({t("criteria.weight", { w: c.weight })}{c.required ? `, ${t("criteria.required")}` : ""})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField formId="assess" name="assessedOn" label={t("criteria.assessedOn")} hint={t("form.dateHint")} defaultValue={assessedOn} error={form.errorOf("assessedOn")} />
        <TextField formId="assess" name="note" label={t("criteria.note")} defaultValue={note} error={form.errorOf("note")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("criteria.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** An admin creates a criteria set: name, scope, types, target year, pass mark, and the criteria as lines. */
export function CreateSetForm({ locale }: { locale: Locale }) {
  const { t } = i18nFor(locale);
  const router = useRouter();
  const form = useActionForm<{ setId: number }>(createSetAction, CreateSetSchema, { onSuccess: (r) => router.push(`/criteria/${r.data.setId}`) });
  const [types, setTypes] = useState<string[]>(["PHUONG"]);
  const linesError = form.errorOf("criteria");
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="create-set-form">
      <input type="hidden" name="appliesTo" value={types.join(",")} />
      <TextField formId="set" name="name" label={t("criteria.name")} error={form.errorOf("name")} />
      <TextField formId="set" name="description" label={t("criteria.description")} error={form.errorOf("description")} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField formId="set" name="scopeUnit" label={t("criteria.scopeUnit")} hint={t("criteria.scopeHint")} inputMode="numeric" error={form.errorOf("scopeUnit")} />
        <TextField formId="set" name="targetYear" label={t("criteria.targetYear")} inputMode="numeric" defaultValue="2028" error={form.errorOf("targetYear")} />
        <TextField formId="set" name="passMark" label={t("criteria.passMark")} inputMode="numeric" defaultValue="100" error={form.errorOf("passMark")} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-stone-700">{t("criteria.appliesTo")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {ASSESSABLE_TYPES.map((ty) => (
            <label key={ty} className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="h-4 w-4" checked={types.includes(ty)} onChange={(e) => setTypes((cur) => (e.target.checked ? [...cur, ty] : cur.filter((x) => x !== ty)))} />
              {t(`unitType.${ty}`)}
            </label>
          ))}
        </div>
        <p className="min-h-4 text-xs text-red-700" aria-live="polite">{form.errorOf("appliesTo")}</p>
      </fieldset>
      <div>
        <label htmlFor="set-criteria" className="block text-sm font-medium text-stone-700">{t("criteria.lines")}</label>
        <textarea id="set-criteria" name="criteria" rows={6} className={areaClass} aria-invalid={linesError ? true : undefined} aria-describedby="set-criteria-error"
          placeholder={"Không để xảy ra tội phạm nghiêm trọng | 3 | bắt buộc\nKéo giảm tội phạm so với năm trước | 2"} />
        <p id="set-criteria-error" className="min-h-4 text-xs text-red-700" aria-live="polite">{linesError}</p>
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("criteria.create")} pendingLabel={t("form.saving")} />
    </form>
  );
}
