import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { formatMonth, INDICATORS } from "@/lib/results/indicators";
import { CreateTargetForm, TargetProgressForm } from "@/components/results/target-forms";
import { targetStatusText } from "@/lib/results/format";
import { PROGRESS_REPORTERS, TARGET_SETTERS } from "@/lib/results/targets";
import { resolveResultsParams } from "@/lib/results/params";
import { getResults, getTargets, type Completeness } from "@/lib/results/queries";
import { percent } from "@/lib/coverage/figures";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("results.heading") };
}

/** Results of a unit over a period: reporting completeness, totals of approved returns, targets, by unit and by month. */
export default async function ResultsPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { t, fmt } = i18n;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  const params = await resolveResultsParams(viewer, raw);
  if (params === "notFound") notFound();
  const { unit, from, to, asOf } = params;
  const [results, targets] = await Promise.all([getResults(viewer, unit?.id ?? null, from, to, asOf), getTargets(viewer, unit?.id ?? null, asOf)]);
  const scope = unit?.name ?? t("scope.national");
  const pct = (part: number, whole: number) => (whole > 0 ? fmt.percent(percent(part, whole)) : "—");
  const num = "px-3 py-2 text-right tabular-nums";
  const button = "rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50";
  const q = (extra: Record<string, string>) => new URLSearchParams({ asOf, from, to, ...extra }).toString();
  const completenessCells = (c: Completeness) => (
    <>
      <td className={num}>{fmt.number(c.expected)}</td>
      <td className={`${num} whitespace-nowrap`}>{fmt.number(c.received)} <span className="text-stone-500">({pct(c.received, c.expected)})</span></td>
      <td className={num}>{pct(c.onTime, c.expected)}</td>
      <td className={num}>{pct(c.approved, c.expected)}</td>
    </>
  );
  const keyIndicators = INDICATORS.filter((i) => ["securityReports", "crimeReports", "casesCleared", "chipIdApplications"].includes(i.key));
  const completenessColumns = [
    { label: t("results.expected"), align: "right" as const },
    { label: t("results.received"), align: "right" as const },
    { label: t("results.onTime"), align: "right" as const },
    { label: t("results.approved"), align: "right" as const },
  ];
  const returnsHref = `/results/returns?${new URLSearchParams({ month: to, ...(unit ? { unit: unit.code } : {}) })}`;

  return (
    <div className="space-y-6" data-testid="results">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-stone-900">{t("results.title", { scope })}</h1>
          <p className="text-sm text-stone-600">{t("results.period", { from: formatMonth(from), to: formatMonth(to), asOf: fmt.date(asOf) })}</p>
        </div>
        <div className="flex flex-wrap gap-2" data-no-print>
          <Link href={returnsHref} className={button} data-testid="returns-link">{t("results.returnsLink")}</Link>
          <a href={`/api/results?${q({ ...(unit ? { unit: unit.code } : {}), format: "xlsx" })}`} className={button} data-testid="results-xlsx">{t("report.xlsx")}</a>
          <a href={`/api/results?${q({ ...(unit ? { unit: unit.code } : {}), format: "csv" })}`} className={button} data-testid="results-csv">{t("report.csv")}</a>
        </div>
      </div>
      <form action="/results" className="flex flex-wrap items-end gap-3 text-sm" data-no-print>
        {unit && <input type="hidden" name="unit" value={unit.code} />}
        {(["from", "to"] as const).map((k) => (
          <label key={k} className="block">
            <span className="block text-xs font-medium text-stone-600">{t(`results.${k}`)}</span>
            <input name={k} defaultValue={formatMonth(params[k])} placeholder={t("results.monthHint")} className="mt-1 w-28 rounded border border-stone-300 px-2 py-1.5" />
          </label>
        ))}
        <label className="block">
          <span className="block text-xs font-medium text-stone-600">{t("asOf.label")}</span>
          <input name="asOf" defaultValue={fmt.date(asOf)} className="mt-1 w-32 rounded border border-stone-300 px-2 py-1.5" />
        </label>
        <button className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800">{t("results.show")}</button>
      </form>
      {params.error && <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{params.error}</p>}

      {results.total.expected === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-700">{t("results.empty")}</p>
      ) : (
        <>
          <section aria-labelledby="completeness" className="space-y-2">
            <h2 id="completeness" className="text-lg font-semibold">{t("results.completeness")}</h2>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="completeness">
              {([
                ["expected", results.total.expected, null],
                ["received", results.total.received, pct(results.total.received, results.total.expected)],
                ["onTime", results.total.onTime, pct(results.total.onTime, results.total.expected)],
                ["approved", results.total.approved, pct(results.total.approved, results.total.expected)],
              ] as const).map(([k, v, p]) => (
                <div key={k} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm" data-testid={`completeness-${k}`}>
                  <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{t(`results.${k}`)}</dt>
                  <dd className="mt-1 text-2xl font-semibold tabular-nums text-stone-900">{p ?? fmt.number(v)}</dd>
                  {p && <dd className="text-xs text-stone-500 tabular-nums">{fmt.number(v)}/{fmt.number(results.total.expected)}</dd>}
                </div>
              ))}
            </dl>
            <p className="text-xs text-stone-500">{t("results.completenessNote", { day: env().RETURN_DUE_DAY })}</p>
          </section>

          <section aria-labelledby="totals" className="space-y-2">
            <h2 id="totals" className="text-lg font-semibold">{t("results.totals")}</h2>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="result-totals">
              {INDICATORS.map((i) => (
                <div key={i.key} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm" data-testid={`total-${i.key}`}>
                  <dt className="text-xs text-stone-600">{t(`indicator.${i.key}`)}</dt>
                  <dd className="mt-1 text-xl font-semibold tabular-nums">{fmt.number(results.total.values[i.key])}</dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}

      <section aria-labelledby="targets" className="space-y-2">
        <h2 id="targets" className="text-lg font-semibold">{t("results.targets")}</h2>
        {targets.length === 0 ? (
          <p className="text-sm text-stone-600">{t("results.noTargets")}</p>
        ) : (
          <DataTable
            testId="targets"
            columns={[
              { label: t("results.target.title") },
              { label: t("results.unit") },
              { label: t("results.target.due"), align: "right" },
              { label: t("results.target.goal"), align: "right" },
              { label: t("results.target.value"), align: "right" },
              { label: t("results.target.status") },
            ]}
          >
            {targets.map((g) => {
              const share = Math.min(100, Math.round((100 * g.value) / g.target));
              return (
                <tr key={g.id}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {g.title}
                    <span className="block text-xs font-normal text-stone-500">{t(`indicator.${g.indicator}`)}</span>
                  </th>
                  <td className="px-3 py-2">{g.unitName}</td>
                  <td className={num}>{fmt.date(g.dueDate)}</td>
                  <td className={num}>{fmt.number(g.target)}</td>
                  <td className={num}>
                    {fmt.number(g.value)}
                    <span className="mt-1 block h-1.5 w-full rounded bg-stone-200" aria-hidden>
                      <span className={`block h-1.5 rounded ${g.metOn ? "bg-green-700" : "bg-brand-600"}`} style={{ width: `${share}%` }} />
                    </span>
                  </td>
                  <td className="px-3 py-2" data-testid={`target-status-${g.id}`}>
                    {targetStatusText(g, i18n)}
                    {PROGRESS_REPORTERS.includes(viewer.role) && (
                      <details className="mt-1 text-xs" data-no-print>
                        <summary className="cursor-pointer text-brand-800">{t("target.progress")}</summary>
                        <div className="mt-2 min-w-[28rem]"><TargetProgressForm locale={i18n.locale} targetId={g.id} /></div>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      {TARGET_SETTERS.includes(viewer.role) && (
        <details className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-no-print>
          <summary className="cursor-pointer font-medium text-brand-800">{t("target.new")}</summary>
          <div className="mt-3"><CreateTargetForm locale={i18n.locale} unitCode={unit?.code ?? ""} /></div>
        </details>
      )}

      {results.byChild.length > 0 && results.total.expected > 0 && (
        <section aria-labelledby="by-child" className="space-y-2">
          <h2 id="by-child" className="text-lg font-semibold">{t("results.byChild")}</h2>
          <DataTable testId="results-by-child" columns={[{ label: t("results.unit") }, ...completenessColumns, ...keyIndicators.map((i) => ({ label: t(`indicator.${i.key}`), align: "right" as const }))]}>
            {results.byChild.map((r) => (
              <tr key={r.unitId}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {/* a unit that had ended by the as-of date opens on its last day, the last it can be seen on */}
                  <Link href={`/results?${r.until ? new URLSearchParams({ unit: r.code, asOf: r.until, from, to: r.until.slice(0, 7) < to ? r.until.slice(0, 7) : to }) : q({ unit: r.code })}`} className="text-brand-800 hover:underline">
                    {r.until ? t("results.until", { name: r.name, date: fmt.date(r.until) }) : r.name}
                  </Link>
                </th>
                {completenessCells(r)}
                {keyIndicators.map((i) => <td key={i.key} className={num}>{fmt.number(r.values[i.key])}</td>)}
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {results.total.expected > 0 && (
        <section aria-labelledby="by-month" className="space-y-2">
          <h2 id="by-month" className="text-lg font-semibold">{t("results.byMonth")}</h2>
          <DataTable testId="results-by-month" columns={[{ label: t("results.month") }, ...completenessColumns, ...keyIndicators.map((i) => ({ label: t(`indicator.${i.key}`), align: "right" as const }))]}>
            {[...results.byMonth].reverse().map((m) => (
              <tr key={m.month}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link href={`/results/returns?${new URLSearchParams({ month: m.month, ...(unit ? { unit: unit.code } : {}) })}`} className="text-brand-800 hover:underline">
                    {formatMonth(m.month)}
                  </Link>
                </th>
                {completenessCells(m)}
                {keyIndicators.map((i) => <td key={i.key} className={num}>{fmt.number(m.values[i.key])}</td>)}
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
