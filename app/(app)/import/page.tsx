import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { can } from "@/lib/actions/scoped";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { ROSTER_COLUMNS } from "@/lib/import/roster";

export const metadata: Metadata = { title: "Nhập tệp" };

export default async function ImportPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  const { t } = i18n;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{t("import.heading")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("import.intro")}</p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <a href="/api/import/template?format=xlsx" className="text-brand-700 hover:underline">{t("import.template")} (.xlsx)</a>
          <a href="/api/import/template?format=csv" className="text-brand-700 hover:underline">{t("import.template")} (.csv)</a>
          <a href="/api/import/template?format=xlsx&kind=cells" className="text-brand-700 hover:underline">{t("import.cellTemplate")} (.xlsx)</a>
          <a href="/api/import/template?format=xlsx&kind=returns" className="text-brand-700 hover:underline">{t("import.returnTemplate")} (.xlsx)</a>
        </p>
      </div>
      {can(viewer, "write:staffing") ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
          <ImportForm locale={i18n.locale} />
        </div>
      ) : (
        <p role="status" className="rounded border border-stone-300 bg-white p-4 text-sm">{t("import.readOnly")}</p>
      )}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">{t("import.columns", { n: ROSTER_COLUMNS.length })}</summary>
        <ul className="mt-2 list-inside list-disc text-stone-700">
          {ROSTER_COLUMNS.map((c) => (
            <li key={c.key}><strong>{c.header}</strong>{c.required ? " *" : ""} — {c.note}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
