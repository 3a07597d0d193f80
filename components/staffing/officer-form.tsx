"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CheckboxField, FormStatus, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { formatDateVi } from "@/lib/dates";
import { i18nFor, type Locale } from "@/lib/i18n";
import { createOfficerAction, updateOfficerAction } from "@/lib/staffing/actions";
import type { CommuneOption, OfficerDetail } from "@/lib/staffing/queries";
import { CreateOfficerSchema, POSTS, RANKS, UpdateOfficerSchema } from "@/lib/staffing/schemas";

type Props =
  | { mode: "create"; locale: Locale; communes: CommuneOption[]; officer?: undefined }
  | { mode: "edit"; locale: Locale; officer: OfficerDetail; communes?: undefined };

export function OfficerForm(props: Props) {
  const { t } = i18nFor(props.locale);
  const router = useRouter();
  const o = props.officer;
  const [version, setVersion] = useState(o?.version ?? 1);
  const form = useActionForm<unknown>(
    (fd) => (props.mode === "create" ? createOfficerAction(fd) : updateOfficerAction(fd)),
    props.mode === "create" ? CreateOfficerSchema : UpdateOfficerSchema,
    {
      onSuccess: (r) => {
        const data = r.data as { officerId: number; version?: number };
        if (props.mode === "create") router.push(`/officers/${data.officerId}`);
        else {
          if (data.version) setVersion(data.version);
          router.refresh();
        }
      },
    },
  );
  const fid = props.mode === "create" ? "new-officer" : "edit-officer";
  const f = { formId: fid };
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid={`${fid}-form`}>
      {o && <input type="hidden" name="id" value={o.id} />}
      {o && <input type="hidden" name="version" value={version} />}
      <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField {...f} name="officerNumber" label={t("form.officerNumber")} defaultValue={o?.officerNumber} error={form.errorOf("officerNumber")} />
        <TextField {...f} name="fullName" label={t("form.fullName")} defaultValue={o?.fullName} error={form.errorOf("fullName")} />
        <SelectField {...f} name="rank" label={t("form.rank")} placeholder={t("form.choose")} defaultValue={o?.rank}
          options={RANKS.map((r) => ({ value: r, label: t(`rank.${r}`) }))} error={form.errorOf("rank")} />
        <SelectField {...f} name="gender" label={t("officer.gender")} placeholder={t("form.choose")} defaultValue={o?.gender}
          options={(["MALE", "FEMALE"] as const).map((g) => ({ value: g, label: t(`officer.gender.${g}`) }))} error={form.errorOf("gender")} />
        <TextField {...f} name="birthDate" label={t("officer.birthDate")} hint={t("form.dateHint")} inputMode="numeric"
          defaultValue={o?.birthDate ? formatDateVi(o.birthDate) : ""} error={form.errorOf("birthDate")} />
        <TextField {...f} name="ethnicity" label={t("officer.ethnicity")} defaultValue={o?.ethnicity} error={form.errorOf("ethnicity")} />
        <CheckboxField {...f} name="partyMember" label={t("officer.partyMember")} defaultChecked={o?.partyMember} />
        <TextField {...f} name="partyJoinedOn" label={t("officer.partyJoinedOn")} hint={t("form.dateHint")} inputMode="numeric"
          defaultValue={o?.partyJoinedOn ? formatDateVi(o.partyJoinedOn) : ""} error={form.errorOf("partyJoinedOn")} />
      </div>
      {props.mode === "create" && (
        <div className="grid gap-x-4 border-t border-stone-200 pt-3 sm:grid-cols-3">
          <SelectField {...f} name="communeId" label={t("form.commune")} placeholder={t("form.choose")}
            options={props.communes.map((c) => ({ value: c.id, label: c.name, group: c.districtName }))} error={form.errorOf("communeId")} />
          <SelectField {...f} name="post" label={t("form.post")} placeholder={t("form.choose")}
            options={POSTS.map((p) => ({ value: p, label: t(`post.${p}`) }))} error={form.errorOf("post")} />
          <TextField {...f} name="startDate" label={t("form.startDate")} hint={t("form.dateHint")} inputMode="numeric" error={form.errorOf("startDate")} />
        </div>
      )}
      <FormStatus result={form.result} />
      <SubmitButton pending={form.pending} label={t("form.save")} pendingLabel={t("form.saving")} />
    </form>
  );
}
