import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/session";
import { percent } from "@/lib/coverage/figures";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { getProgress, getSet } from "@/lib/criteria/queries";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";

type PageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("criteria.heading") };
}

/** Progress toward a criteria set: how many units achieve it, by child unit, and what each commune lacks. */
export default async function CriteriaProgressPage({ params, searchParams }: PageProps) {
  const [viewer, i18n, { id }, sp] = await Promise.all([requireViewer(), getI18n(), params, searchParams]);
  const { t, fmt } = i18n;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const set = await getSet(viewer, Number(id));
  if (!set) notFound();
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]) ?? "";
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = /^\d{4}$/.test(one("year")) && Number(one("year")) >= 2000 && Number(one("year")) <= thisYear ? Number(one("year")) : thisYear;
  const asOf = (`${year}-12-31` < todayInVietnam() ? `${year}-12-31` : todayInVietnam()) as IsoDate;
  const unit = await resolveUnitParam(viewer, /^\d{2,5}$/.test(one("unit")) ? one("unit") : undefined, asOf);
  if (unit === "notFound") notFound();
  const progress = await getProgress(viewer, set, unit?.id ?? null, year);
  const share = (a: number, b: number) => (b > 0 ? fmt.percent(percent(a, b)) : "—");
  const writer = viewer.role === "DISTRICT" || viewer.role === "PROVINCE";
  const num = "px-3 py-2 text-right tabular-nums";
  return (
    <div className="space-y-5" data-testid="criteria-progress">
      <Link href="/criteria" className="text-sm text-brand-800 hover:underline">← {t("criteria.heading")}</Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-stone-900">{set.name}</h1>
          <p className="text-sm text-stone-600">
            {unit?.name ?? t("scope.national")} · {t("criteria.target", { year: set.targetYear })} · {t("criteria.passMarkText", { mark: set.passMark })}
          </p>
        </div>
        <form className="flex items-end gap-2 text-sm" action={`/criteria/${set.id}`}>
          {unit && <input type="hidden" name="unit" value={unit.code} />}
          <label className="block">
            <span className="block text-xs font-medium text-stone-600">{t("criteria.year")}</span>
            <input name="year" defaultValue={year} inputMode="numeric" className="mt-1 w-24 rounded border border-stone-300 px-2 py-1.5" />
          </label>
          <button className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800">{t("results.show")}</button>
        </form>
      </div>
      <h2 className="text-lg font-semibold">{t("criteria.progress", { year })}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="criteria-summary">
        {([
          ["units", fmt.number(progress.total.units)],
          ["assessed", fmt.number(progress.total.assessed)],
          ["achieved", fmt.number(progress.total.achieved)],
          ["achievedShare", share(progress.total.achieved, progress.total.units)],
        ] as const).map(([k, v]) => (
          <div key={k} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm" data-testid={`criteria-${k}`}>
            <dt className="text-xs uppercase tracking-wide text-stone-500">{t(`criteria.${k}`)}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <details className="rounded border border-stone-200 bg-white p-3 text-sm">
        <summary className="cursor-pointer font-medium">{t("criteria.list")} ({set.criteria.length})</summary>
        <ol className="mt-2 list-decimal space-y-0.5 pl-6">
          {set.criteria.map((c) => (
            <li key={c.id}>{c.name} <span className="text-xs text-stone-500">({t("criteria.weight", { w: c.weight })}{c.required ? `, ${t("criteria.required")}` : ""})</span></li>
          ))}
        </ol>
      </details>
      {progress.byChild.length > 1 && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("criteria.byChild")}</h2>
          <DataTable testId="criteria-by-child" columns={[{ label: t("results.unit") }, { label: t("criteria.units"), align: "right" }, { label: t("criteria.assessed"), align: "right" }, { label: t("criteria.achieved"), align: "right" }, { label: t("criteria.achievedShare"), align: "right" }]}>
            {progress.byChild.map((c) => (
              <tr key={c.unitId}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link className="text-brand-800 hover:underline" href={`/criteria/${set.id}?unit=${c.code}&year=${year}`}>{c.name}</Link>
                </th>
                <td className={num}>{fmt.number(c.units)}</td>
                <td className={num}>{fmt.number(c.assessed)}</td>
                <td className={num}>{fmt.number(c.achieved)}</td>
                <td className={num}>{share(c.achieved, c.units)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("criteria.communes")}</h2>
        <DataTable testId="criteria-communes" columns={[{ label: t("criteria.commune") }, { label: t("returns.district") }, { label: t("criteria.score"), align: "right" }, { label: t("criteria.status") }, { label: t("criteria.lacking") }, { label: "" }]}>
          {progress.communes.map((c) => (
            <tr key={c.communeId} data-commune={c.code}>
              <th scope="row" className="px-3 py-2 text-left font-medium">{c.name}</th>
              <td className="px-3 py-2">{c.childName}</td>
              <td className={num}>{c.score === null ? "—" : `${fmt.decimal(c.score)}%`}{c.assessedYear !== null && c.assessedYear !== year && <span className="block text-xs text-stone-500">{c.assessedYear}</span>}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {c.achieved === null ? <span className="text-stone-500">○ {t("criteria.notAssessed")}</span> : c.achieved ? <span className="text-green-800">✓ {t("criteria.yes")}</span> : <span className="text-amber-800">✗ {t("criteria.no")}</span>}
              </td>
              <td className="px-3 py-2 text-stone-700">{c.lacking.join("; ")}</td>
              <td className="px-3 py-2">
                {writer && <Link className="whitespace-nowrap font-medium text-brand-800 hover:underline" href={`/criteria/${set.id}/assess/${c.code}?year=${year}`}>{t("criteria.assess")}</Link>}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
