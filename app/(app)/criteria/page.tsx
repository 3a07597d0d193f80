import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import { listSets } from "@/lib/criteria/queries";
import { todayInVietnam } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("criteria.heading") };
}

/** The criteria sets that apply within the viewer's scope, with their targets. */
export default async function CriteriaPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  const { t } = i18n;
  const sets = await listSets(viewer);
  const year = Number(todayInVietnam().slice(0, 4));
  return (
    <div className="mx-auto max-w-5xl space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-stone-900">{t("criteria.heading")}</h1>
          <p className="max-w-3xl text-sm text-stone-600">{t("criteria.intro")}</p>
        </div>
        {viewer.role === "ADMIN" && <Link href="/criteria/new" className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">{t("criteria.new")}</Link>}
      </div>
      {sets.length === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm">{t("criteria.none")}</p>
      ) : (
        <ul className="space-y-3" data-testid="criteria-sets">
          {sets.map((s) => (
            <li key={s.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 className="text-lg font-semibold">{s.name}</h2>
                  {s.description && <p className="text-sm text-stone-600">{s.description}</p>}
                  <p className="mt-1 text-sm text-stone-700">
                    {t("criteria.target", { year: s.targetYear })} · {t("criteria.scope")}: {s.scopeUnit?.name ?? t("criteria.national")} · {t("criteria.appliesTo")}:{" "}
                    {s.appliesTo.map((ty) => t(`unitType.${ty as "XA"}`)).join(", ")} · {s.criteria.length} {t("criteria.list").toLowerCase()}
                    {s.targetYear >= year && ` · ${t("criteria.yearsLeft", { n: s.targetYear - year })}`}
                  </p>
                </div>
                <Link href={`/criteria/${s.id}`} className="rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50">{t("criteria.open")}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
