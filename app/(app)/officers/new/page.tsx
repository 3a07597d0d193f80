import type { Metadata } from "next";
import { OfficerForm } from "@/components/staffing/officer-form";
import { can } from "@/lib/actions/scoped";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { listCommunesInScope } from "@/lib/staffing/queries";

export const metadata: Metadata = { title: "Thêm cán bộ" };

export default async function NewOfficerPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  const { t } = i18n;
  if (!can(viewer, "write:staffing")) {
    return <p role="status" className="rounded border border-stone-300 bg-white p-4 text-sm">{t("form.readOnly")}</p>;
  }
  const communes = await listCommunesInScope(viewer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("form.create")}</h1>
      <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <OfficerForm mode="create" locale={i18n.locale} communes={communes} />
      </div>
    </div>
  );
}
