"use client";
import { useState } from "react";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { formatDateVi } from "@/lib/dates";
import { assignOfficerAction, correctAssignmentAction, endAssignmentAction, transferOfficerAction } from "@/lib/staffing/actions";
import type { CommuneOption } from "@/lib/staffing/queries";
import { AssignSchema, CorrectAssignmentSchema, END_REASONS, EndAssignmentSchema, POSTS, TransferSchema } from "@/lib/staffing/schemas";

type Current = { id: number; version: number; communeId: number; post: string };

export function TransferForm({ locale, current, communes }: { locale: Locale; current: Current; communes: CommuneOption[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(transferOfficerAction, TransferSchema);
  const f = { formId: "transfer" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="transfer-form">
      <p className="text-sm text-stone-600">{t("form.transferHelp")}</p>
      <input type="hidden" name="assignmentId" value={current.id} />
      <input type="hidden" name="version" value={current.version} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField {...f} name="toCommuneId" label={t("form.toCommune")} placeholder={t("form.choose")}
          options={communes.map((c) => ({ value: c.id, label: c.name, group: c.districtName }))}
          error={form.errorOf("toCommuneId")} />
        <SelectField {...f} name="post" label={t("form.post")} placeholder={t("form.choose")} defaultValue={current.post}
          options={POSTS.map((p) => ({ value: p, label: t(`post.${p}`) }))} error={form.errorOf("post")} />
        <TextField {...f} name="date" label={t("form.transferDate")} hint={t("form.dateHint")} inputMode="numeric" error={form.errorOf("date")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("form.transfer")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function EndAssignmentForm({ locale, current }: { locale: Locale; current: Current }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(endAssignmentAction, EndAssignmentSchema);
  const f = { formId: "end" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="end-form">
      <input type="hidden" name="assignmentId" value={current.id} />
      <input type="hidden" name="version" value={current.version} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField {...f} name="date" label={t("form.endDate")} hint={t("form.dateHint")} inputMode="numeric" error={form.errorOf("date")} />
        <SelectField {...f} name="reason" label={t("form.reason")} placeholder={t("form.choose")}
          options={END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))} error={form.errorOf("reason")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton tone="danger" pending={form.pending} label={t("form.end")} pendingLabel={t("form.saving")} />
    </form>
  );
}

type HistoryItem = { id: number; version: number; post: string; communeName: string; startDate: string; endDate: string | null; endReason: string | null };

/** Correct a mistaken entry: pick the assignment, the fields start from its stored values. */
export function CorrectAssignmentForm({ locale, assignments }: { locale: Locale; assignments: HistoryItem[] }) {
  const { t } = i18nFor(locale);
  const [selected, setSelected] = useState(assignments[0]?.id ?? 0);
  const a = assignments.find((x) => x.id === selected) ?? assignments[0];
  const form = useRefreshingActionForm(correctAssignmentAction, CorrectAssignmentSchema);
  if (!a) return null;
  const f = { formId: "correct" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="correct-form">
      <p className="text-sm text-stone-600">{t("form.correctHelp")}</p>
      <label className="block text-sm font-medium text-stone-700">
        {t("form.assignment")}
        <select value={selected} onChange={(e) => setSelected(Number(e.target.value))} className="mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm">
          {assignments.map((x) => (
            <option key={x.id} value={x.id}>
              {x.communeName} — {formatDateVi(x.startDate)}
              {x.endDate ? ` → ${formatDateVi(x.endDate)}` : ""}
            </option>
          ))}
        </select>
      </label>
      <div key={a.id} className="grid gap-x-4 sm:grid-cols-4">
        <input type="hidden" name="assignmentId" value={a.id} />
        <input type="hidden" name="version" value={a.version} />
        <SelectField {...f} name="post" label={t("form.post")} placeholder={t("form.choose")} defaultValue={a.post}
          options={POSTS.map((p) => ({ value: p, label: t(`post.${p}`) }))} error={form.errorOf("post")} />
        <TextField {...f} name="startDate" label={t("form.startDate")} hint={t("form.dateHint")} defaultValue={formatDateVi(a.startDate)} error={form.errorOf("startDate")} />
        <TextField {...f} name="endDate" label={t("form.endDateOptional")} hint={t("form.dateHint")} defaultValue={a.endDate ? formatDateVi(a.endDate) : ""} error={form.errorOf("endDate")} />
        <SelectField {...f} name="endReason" label={t("form.reason")} placeholder="—" defaultValue={a.endReason ?? ""}
          options={(["TRANSFER", ...END_REASONS] as const).map((r) => ({ value: r, label: t(`endReason.${r}`) }))} error={form.errorOf("endReason")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("form.correct")} pendingLabel={t("form.saving")} />
    </form>
  );
}

/** Assign an officer who holds no post now. */
export function AssignForm({ locale, officerId, communes }: { locale: Locale; officerId: number; communes: CommuneOption[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(assignOfficerAction, AssignSchema);
  const f = { formId: "assign" };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="assign-form">
      <input type="hidden" name="officerId" value={officerId} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField {...f} name="communeId" label={t("form.commune")} placeholder={t("form.choose")}
          options={communes.map((c) => ({ value: c.id, label: c.name, group: c.districtName }))} error={form.errorOf("communeId")} />
        <SelectField {...f} name="post" label={t("form.post")} placeholder={t("form.choose")}
          options={POSTS.map((p) => ({ value: p, label: t(`post.${p}`) }))} error={form.errorOf("post")} />
        <TextField {...f} name="startDate" label={t("form.startDate")} hint={t("form.dateHint")} inputMode="numeric" error={form.errorOf("startDate")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("form.assign")} pendingLabel={t("form.saving")} />
    </form>
  );
}
