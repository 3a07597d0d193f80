"use client";
import { FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useRefreshingActionForm } from "@/components/forms/use-action-form";
import { i18nFor, type Locale } from "@/lib/i18n";
import { addMembershipAction, changeSecretaryAction, dissolveCellAction, endMembershipAction, establishCellAction } from "@/lib/party/actions";
import { AddMembershipSchema, ChangeSecretarySchema, DissolveCellSchema, EndMembershipSchema, EstablishCellSchema } from "@/lib/party/schemas";

type Officer = { officerId: number; fullName: string };


function SecretaryFields({ t, officers, form, formId }: { t: ReturnType<typeof i18nFor>["t"]; officers: Officer[]; form: ReturnType<typeof useRefreshingActionForm>; formId: string }) {
  return (
    <>
      <SelectField formId={formId} name="secretaryOfficerId" label={t("party.secretaryOfficer")} placeholder="—"
        options={officers.map((o) => ({ value: o.officerId, label: o.fullName }))} error={form.errorOf("secretaryOfficerId")} />
      <TextField formId={formId} name="secretaryName" label={t("party.secretaryPerson")} error={form.errorOf("secretaryName")} />
    </>
  );
}

export function EstablishCellForm({ locale, communeId, officers }: { locale: Locale; communeId: number; officers: Officer[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(establishCellAction, EstablishCellSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="establish-cell-form">
      <input type="hidden" name="communeId" value={communeId} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField formId="est" name="establishedOn" label={t("party.establishedOn")} hint={t("form.dateHint")} error={form.errorOf("establishedOn")} />
        <SecretaryFields t={t} officers={officers} form={form} formId="est" />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("party.establish")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function ChangeSecretaryForm({ locale, cellId, version, officers }: { locale: Locale; cellId: number; version: number; officers: Officer[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(changeSecretaryAction, ChangeSecretarySchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="secretary-form">
      <input type="hidden" name="cellId" value={cellId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField formId="sec" name="date" label={t("party.changeDate")} hint={t("form.dateHint")} error={form.errorOf("date")} />
        <SecretaryFields t={t} officers={officers} form={form} formId="sec" />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("party.changeSecretary")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function DissolveCellForm({ locale, cellId, version }: { locale: Locale; cellId: number; version: number }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(dissolveCellAction, DissolveCellSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-3" data-testid="dissolve-form">
      <input type="hidden" name="cellId" value={cellId} />
      <input type="hidden" name="version" value={version} />
      <TextField formId="dis" name="date" label={t("party.dissolveDate")} hint={t("form.dateHint")} error={form.errorOf("date")} />
      <div className="mt-6"><SubmitButton tone="danger" pending={form.pending} label={t("party.dissolve")} pendingLabel={t("form.saving")} /></div>
      <div className="basis-full"><FormStatus result={form.result} /></div>
    </form>
  );
}

export function AddMembershipForm({ locale, communeId, officers }: { locale: Locale; communeId: number; officers: Officer[] }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(addMembershipAction, AddMembershipSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2" data-testid="add-seat-form">
      <input type="hidden" name="communeId" value={communeId} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField formId="seat" name="officerId" label={t("party.officer")} placeholder={t("form.choose")}
          options={officers.map((o) => ({ value: o.officerId, label: o.fullName }))} error={form.errorOf("officerId")} />
        <SelectField formId="seat" name="committee" label={t("party.committee")} placeholder={t("form.choose")}
          options={(["EXECUTIVE", "STANDING"] as const).map((c) => ({ value: c, label: t(`officer.committee.${c}`) }))} error={form.errorOf("committee")} />
        <TextField formId="seat" name="startDate" label={t("form.startDate")} hint={t("form.dateHint")} error={form.errorOf("startDate")} />
      </div>
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("party.addSeat")} pendingLabel={t("form.saving")} />
    </form>
  );
}

export function EndMembershipForm({ locale, membershipId }: { locale: Locale; membershipId: number }) {
  const { t } = i18nFor(locale);
  const form = useRefreshingActionForm(endMembershipAction, EndMembershipSchema);
  return (
    <form onSubmit={form.onSubmit} noValidate className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <TextField formId={`endseat-${membershipId}`} name="date" label={t("officer.to")} hint={t("form.dateHint")} error={form.errorOf("date")} />
      <div className="mt-6"><SubmitButton pending={form.pending} label={t("party.endSeat")} pendingLabel={t("form.saving")} /></div>
      <div className="basis-full"><FormStatus result={form.result} /></div>
    </form>
  );
}
