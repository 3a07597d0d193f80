import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Suspense } from "react";
import { AsOfForm } from "@/components/coverage/as-of-form";
import { SeriesWidget, WidgetSkeleton } from "@/components/coverage/widgets";
import { PrintButton } from "@/components/reports/print-button";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/session";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { todayInVietnam } from "@/lib/dates";
import { getI18n, getI18nOn } from "@/lib/i18n/server";
import { firstIssue, ReportParamsSchema } from "@/lib/reports/params";
import { buildReport, REPORT_COLUMNS, reportDate, resultsSection, summaryParagraph } from "@/lib/reports/report";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("report.heading") };
}

/** The summary report of a unit on a date: a page that prints on A4, with CSV and XLSX downloads. */
export default async function ReportPage({ searchParams }: PageProps) {
  const [viewer, sp] = await Promise.all([requireViewer(), searchParams]);
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ReportParamsSchema.safeParse({ asOf: todayInVietnam(), ...raw });
  const params = parsed.success ? parsed.data : ReportParamsSchema.parse({ asOf: todayInVietnam(), unit: undefined });
  const error = parsed.success ? null : firstIssue(parsed.error);
  if (parsed.success && (raw.asOf !== params.asOf || (raw.compare && raw.compare !== params.compare))) {
    const q = new URLSearchParams({ asOf: params.asOf });
    if (params.unit) q.set("unit", params.unit);
    if (params.compare) q.set("compare", params.compare);
    redirect(`/reports?${q.toString()}`);
  }
  const unit = await resolveUnitParam(viewer, parsed.success ? params.unit : undefined, params.asOf);
  if (unit === "notFound") notFound();
  const [report, i18n] = await Promise.all([buildReport(viewer, unit, params.asOf, params.compare ?? null), getI18nOn(params.asOf)]);
  const { t, fmt } = i18n;
  const issuer = report.issuer;
  const scope = unit?.name ?? t("scope.national");
  const q = new URLSearchParams({ asOf: params.asOf });
  if (unit) q.set("unit", unit.code);
  if (params.compare) q.set("compare", params.compare);
  const num = "px-2 py-1.5 text-right tabular-nums";
  const download = "rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50";
  const withChange = report.previous !== null;
  const change = (n: number | null) => (n === null ? "—" : n > 0 ? `+${fmt.number(n)}` : fmt.number(n));

  return (
    <article className="report mx-auto max-w-5xl space-y-5" data-testid="report">
      <div className="flex flex-wrap items-end justify-between gap-3" data-no-print>
        <AsOfForm i18n={i18n} asOf={params.asOf} compare={params.compare} showCompare action="/reports" hidden={{ unit: unit?.code }} />
        <div className="flex flex-wrap gap-2">
          <PrintButton label={t("report.print")} />
          {(["pdf", "xlsx", "csv"] as const).map((f) => (
            <a key={f} href={`/api/reports?${q.toString()}&format=${f}`} className={download} data-testid={`report-${f}`}>
              {t(`report.${f}`)}
            </a>
          ))}
        </div>
      </div>
      {unit?.level !== "DISTRICT" && unit?.level !== "COMMUNE" && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700" data-no-print data-testid="report-communes">
          <span>{t("report.communeTable")}</span>
          {(["xlsx", "csv", "pdf"] as const).map((f) => (
            <a key={f} href={`/api/reports?${q.toString()}&detail=communes&format=${f}`} className="font-medium text-brand-800 underline hover:text-brand-900" data-testid={`report-communes-${f}`}>
              {f.toUpperCase()}
            </a>
          ))}
          <span className="text-stone-500">— {t("report.communeTableHint")}</span>
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      )}

      <header className="grid grid-cols-2 gap-4 text-center text-sm">
        <div>
          <p className="font-semibold uppercase" data-testid="report-issuer">
            {issuer ? t("report.policeOf", { unit: issuer.name }) : t("report.ministry")}
          </p>
          <p className="mx-auto mt-1 w-24 border-t border-stone-800" aria-hidden />
        </div>
        <div>
          <p className="font-semibold uppercase">{t("report.nation")}</p>
          <p className="font-semibold">{t("report.motto")}</p>
          <p className="mt-2 italic">{t("report.dated", { date: reportDate(todayInVietnam()) })}</p>
        </div>
      </header>

      <div className="text-center">
        <h1 className="text-xl font-bold uppercase">{t("report.heading")}</h1>
        <p className="font-semibold">{t("report.title", { scope })}</p>
        <p className="italic" data-testid="report-as-of">
          {t("report.asOfLine", { date: reportDate(report.asOf) })}
          {report.compare && ` · ${t("report.compareLine", { date: reportDate(report.compare) })}`}
        </p>
      </div>

      <section className="space-y-2">
        <h2 className="font-semibold">{t("report.section.summary")}</h2>
        {summaryParagraph(report, i18n).map((p, i) => (
          <p key={i} className="text-justify leading-relaxed indent-8" data-testid="report-summary">
            {p}
          </p>
        ))}
      </section>

      {report.children.length > 0 && (
        <section className="space-y-2">
          <h2 className="font-semibold">{t("report.section.children")}</h2>
          <DataTable
            testId="report-table"
            columns={[
              { label: t("report.col.unit") },
              ...REPORT_COLUMNS.map((c) => ({ label: t(`report.col.${c.key}`), align: "right" as const })),
              ...(withChange ? [{ label: t("report.col.changeStaffed"), align: "right" as const }, { label: t("report.col.changeOfficers"), align: "right" as const }] : []),
            ]}
          >
            {[...report.children, { code: "", name: t("report.total"), figures: report.total, previous: report.previous }].map((r, i, all) => (
              <tr key={r.code || "total"} className={i === all.length - 1 ? "bg-stone-100 font-semibold" : ""}>
                <th scope="row" className="min-w-[9rem] px-2 py-1.5 text-left font-medium">
                  {r.name}
                </th>
                {REPORT_COLUMNS.map((c) => {
                  const v = c.get(r.figures);
                  return (
                    <td key={c.key} className={num}>
                      {c.kind === "percent" ? fmt.percent(v) : c.kind === "decimal" ? fmt.decimal(v) : fmt.number(v ?? 0)}
                    </td>
                  );
                })}
                {withChange && (
                  <>
                    <td className={num}>{change(r.previous ? r.figures.staffed - r.previous.staffed : null)}</td>
                    <td className={num}>{change(r.previous ? r.figures.officers - r.previous.officers : null)}</td>
                  </>
                )}
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {report.phases.length > 0 && (
        <section className="space-y-2">
          <h2 className="font-semibold">{t("report.section.phases")}</h2>
          <DataTable
            testId="report-phases"
            columns={[
              ...(unit === null ? [{ label: t("phases.province") }] : []),
              { label: t("phases.phase") },
              { label: t("phases.target"), align: "right" as const },
              { label: t("phases.communes"), align: "right" as const },
              { label: t("phases.staffed"), align: "right" as const },
              { label: t("phases.fully"), align: "right" as const },
              { label: t("phases.status") },
            ]}
          >
            {report.phases.map((p) => (
              <tr key={p.phaseId}>
                {unit === null && <td className="px-2 py-1.5">{p.provinceName}</td>}
                <th scope="row" className="px-2 py-1.5 text-left font-medium">
                  {p.name}
                </th>
                <td className={num}>{p.targetDate ? fmt.date(p.targetDate) : "—"}</td>
                <td className={num}>{fmt.number(p.communes)}</td>
                <td className={num}>{fmt.number(p.staffed)}</td>
                <td className={num}>{fmt.number(p.fullyStaffed)}</td>
                <td className="px-2 py-1.5">{t(`phases.status.${p.status}`)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section className="space-y-2 print:break-inside-avoid">
        <h2 className="font-semibold">{t("report.section.series")}</h2>
        <Suspense fallback={<WidgetSkeleton label={t("loading")} height="h-72" />}>
          <SeriesWidget viewer={viewer} i18n={i18n} unit={unit} asOf={report.asOf} />
        </Suspense>
      </section>
      {(() => {
        const r = resultsSection(report.results, i18n);
        return (
          <section className="space-y-2 print:break-inside-avoid" data-testid="report-results">
            <h2 className="font-semibold">{t("report.section.results")}</h2>
            <p className="text-sm italic">{r.period}</p>
            <DataTable columns={[{ label: t("report.col.item") }, { label: t("report.col.value"), align: "right" }]}>
              {r.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row" className="px-2 py-1.5 text-left font-medium">{row.label}</th>
                  <td className={num}>{row.kind === "percent" ? fmt.percent(row.value) : fmt.number(row.value)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })()}
    </article>
  );
}
