import { percent } from "@/lib/coverage/figures";
import { addMonth, formatMonth, monthOf } from "@/lib/results/indicators";
import { getResults } from "@/lib/results/queries";
import Link from "next/link";
import { ChildrenChart } from "@/components/charts/children-chart";
import { SeriesChart } from "@/components/charts/series-chart";
import { DataTable } from "@/components/ui/data-table";
import { SeriesTable } from "@/components/charts/series-table";
import type { Viewer } from "@/lib/auth/session";
import { can } from "@/lib/actions/scoped";
import type { Figures } from "@/lib/coverage/figures";
import { getGapList, GAP_KINDS, GapQuerySchema } from "@/lib/coverage/gaps";
import { getPhases, PHASE_STATUS_ORDER, phasesByProvince, type PhaseStatus } from "@/lib/coverage/phases";
import { getCoverage } from "@/lib/coverage/queries";
import { getSeries } from "@/lib/coverage/series";
import type { IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import { getCommuneHistory } from "@/lib/staffing/queries";
import { getCommuneSettings } from "@/lib/staffing/settings";
import type { UnitOnDate } from "@/lib/units/queries";
import type { UnitLevel } from "@/lib/units/types";
import { ChildrenTable, type ChildSort, type ChildSortKey } from "./children-table";
import { FigureCards } from "./figure-cards";
import { ProvinceMap } from "./province-map";

// The widgets of a unit's dashboard. Each is an async Server Component that makes its own fixed few
// queries and is wrapped in its own <Suspense> by the page, so a slow one never holds back the others.

type Base = { viewer: Viewer; i18n: I18n; unit: UnitOnDate | null; asOf: IsoDate };

export function Section({ id, title, children, actions, noPrint }: { id: string; title: string; children: React.ReactNode; actions?: React.ReactNode; noPrint?: boolean }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-2 print:break-inside-avoid" data-testid={`section-${id}`} data-no-print={noPrint || undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-stone-900">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function WidgetSkeleton({ label, height = "h-48" }: { label: string; height?: string }) {
  return (
    <div role="status" aria-live="polite" className={`${height} animate-pulse rounded-lg bg-stone-200`}>
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function CardsSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-28 animate-pulse rounded-lg bg-stone-200" />
      ))}
    </div>
  );
}

/** Headline cards, each with its change since the comparison date. */
export async function OverviewWidget({ viewer, i18n, unit, asOf, compare }: Base & { compare: IsoDate }) {
  const [now, before] = await Promise.all([getCoverage(viewer, unit?.id ?? null, asOf), getCoverage(viewer, unit?.id ?? null, compare)]);
  const empty = emptyMessage(viewer, i18n, unit, now.total);
  return (
    <div className="space-y-3">
      {empty && (
        <p role="status" data-testid="empty-state" className="rounded border border-stone-300 bg-white px-3 py-2 text-sm text-stone-700">
          {empty}
        </p>
      )}
      <FigureCards i18n={i18n} figures={now.total} previous={before.total} compareDate={compare} />
    </div>
  );
}

/** What an empty view should say, and what to do about it (only writers are told to add data). */
function emptyMessage(viewer: Viewer, i18n: I18n, unit: UnitOnDate | null, f: Figures): string | null {
  const { t } = i18n;
  if (f.inProgramme === 0) return unit?.level === "COMMUNE" ? t("unit.notInProgramme") : t("empty.noData");
  if (f.officers > 0 || unit?.level === "COMMUNE") return null;
  return can(viewer, "write:staffing") ? t("empty.noDataDistrict") : t("empty.noStaffingYet");
}

/** Monthly staffed / fully staffed / officers from the first assignment, with phase dates marked. */
export async function SeriesWidget({ viewer, i18n, unit, asOf }: Base) {
  const { t, fmt } = i18n;
  const series = await getSeries(viewer, unit?.id ?? null, asOf);
  if (series.points.every((p) => p.officers === 0)) {
    return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("series.empty")}</p>;
  }
  const markers = series.markers.map((m) => ({
    date: m.date,
    kind: m.kind,
    label: m.kind === "plan" ? m.label : m.kind === "reform" ? t("series.reform", { name: m.label }) : t(m.kind === "phaseStart" ? "series.phaseStart" : "series.phaseTarget", { name: m.label }),
  }));
  return (
    <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <SeriesChart
        locale={i18n.locale}
        points={series.points}
        markers={markers}
        labels={{
          staffed: t("series.staffed"),
          fullyStaffed: t("series.fullyStaffed"),
          officers: t("series.officers"),
          communesAxis: t("series.communesAxis"),
          officersAxis: t("series.officersAxis"),
        }}
      />
      {markers.length > 0 && (
        <p className="text-xs text-stone-600" data-testid="series-markers">
          {t("series.markers")}{" "}
          {markers.map((m, i) => (
            <span key={i}>
              {i > 0 && "; "}
              <strong>{i + 1}</strong> {m.label} ({fmt.date(m.date)})
            </span>
          ))}
        </p>
      )}
      <SeriesTable
        locale={i18n.locale}
        points={series.points}
        labels={{
          summary: t("series.asTable"),
          date: t("series.date"),
          inProgramme: t("series.inProgramme"),
          staffed: t("series.staffed"),
          fullyStaffed: t("series.fullyStaffed"),
          officers: t("series.officers"),
        }}
      />
    </div>
  );
}

/** Child units: the map (nationwide), the stacked bar chart, and the sortable table that drills down. */
export async function ChildrenWidget({
  viewer,
  i18n,
  unit,
  asOf,
  level,
  sort,
  sortHref,
}: Base & { level: UnitLevel; sort: ChildSort | null; sortHref: (key: ChildSortKey, dir: "asc" | "desc") => string }) {
  const { t } = i18n;
  const coverage = await getCoverage(viewer, unit?.id ?? null, asOf);
  const bars = coverage.children
    .filter((c) => c.figures.inProgramme > 0)
    .map((c) => ({
      name: c.name,
      fully: c.figures.fullyStaffed,
      partly: c.figures.staffed - c.figures.fullyStaffed,
      none: c.figures.inProgramme - c.figures.staffed,
    }));
  const chart = bars.length > 0 && (
    <div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm print:break-inside-avoid">
      <h3 className="mb-2 text-sm font-semibold text-stone-700">{t("childrenChart.heading")}</h3>
      <ChildrenChart
        locale={i18n.locale}
        rows={bars}
        labels={{ fully: t("childrenChart.fully"), partly: t("childrenChart.partly"), none: t("childrenChart.none"), axis: t("childrenChart.axis") }}
      />
    </div>
  );
  const table = <ChildrenTable i18n={i18n} rows={coverage.children} asOf={asOf} level={level} sort={sort} sortHref={sortHref} />;
  if (unit !== null) {
    return (
      <div className="space-y-4">
        {chart}
        {table}
      </div>
    );
  }
  return (
    <div className="grid items-start gap-4 xl:grid-cols-[260px_minmax(0,1fr)]">
      <div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm xl:sticky xl:top-2">
        <h3 className="mb-2 text-sm font-semibold text-stone-700">{t("map.heading")}</h3>
        <ProvinceMap i18n={i18n} rows={coverage.children} asOf={asOf} />
      </div>
      <div className="min-w-0 space-y-4">
        {chart}
        {table}
      </div>
    </div>
  );
}

const STATUS_STYLE: Record<PhaseStatus, string> = {
  done: "bg-brand-100 text-brand-900 border-brand-300",
  onTrack: "bg-sky-50 text-sky-900 border-sky-300",
  late: "bg-amber-100 text-amber-900 border-amber-400",
  notStarted: "bg-stone-100 text-stone-700 border-stone-300",
};
const STATUS_ICON: Record<PhaseStatus, string> = { done: "✓", onTrack: "→", late: "!", notStarted: "…" };

/** Rollout phases of the scope: communes, staffed, fully staffed, target date, on track or late. */
export async function PhasesWidget({ viewer, i18n, unit, asOf }: Base) {
  const { t, fmt } = i18n;
  const phases = await getPhases(viewer, unit?.id ?? null, asOf);
  if (phases.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("phases.empty")}</p>;
  const late = phases.filter((p) => p.status === "late").length;
  // the country: one row per province (every phase is listed on the province's own page)
  const table =
    unit === null ? (
      <DataTable
        testId="phases-by-province"
        figures
        caption={t("phases.byProvince.caption")}
        columns={[
          { label: t("phases.province") },
          { label: t("phases.count"), align: "right" as const },
          { label: t("phases.communes"), align: "right" as const },
          { label: t("phases.staffed"), align: "right" as const },
          { label: t("phases.fully"), align: "right" as const },
          { label: t("phases.status") },
        ]}
      >
        {phasesByProvince(phases).map((p) => (
          <tr key={p.provinceCode} data-phase-status={p.worst}>
            <th scope="row">
              <Link href={`/units/${p.provinceCode}?asOf=${asOf}#phases-heading`}>{p.provinceName}</Link>
            </th>
            <td>{fmt.number(p.phases)}</td>
            <td>{fmt.number(p.communes)}</td>
            <td>{fmt.number(p.staffed)}</td>
            <td>{fmt.number(p.fullyStaffed)}</td>
            <td className="text-left text-xs">
              {PHASE_STATUS_ORDER.filter((s) => p.byStatus[s] > 0).map((s, i) => (
                <span key={s} className="whitespace-nowrap">
                  {i > 0 && " · "}
                  <span aria-hidden>{STATUS_ICON[s]} </span>
                  {fmt.number(p.byStatus[s])} {t(`phases.status.${s}`).toLocaleLowerCase("vi")}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
    ) : (
      <DataTable
        testId="phases-table"
        figures
        columns={[
          { label: t("phases.phase") },
          { label: t("phases.start"), align: "right" as const },
          { label: t("phases.target"), align: "right" as const },
          { label: t("phases.communes"), align: "right" as const },
          { label: t("phases.staffed"), align: "right" as const },
          { label: t("phases.fully"), align: "right" as const },
          { label: t("phases.status") },
        ]}
      >
        {phases.map((p) => (
          <tr key={p.phaseId} data-phase-status={p.status}>
            <th scope="row">
              {p.name} <span className="text-xs font-normal text-stone-500">{p.planCode}</span>
            </th>
            <td>{fmt.date(p.startDate)}</td>
            <td>{p.targetDate ? fmt.date(p.targetDate) : "—"}</td>
            <td>{fmt.number(p.communes)}</td>
            <td>{fmt.number(p.staffed)}</td>
            <td>{fmt.number(p.fullyStaffed)}</td>
            <td className="text-left">
              <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[p.status]}`}>
                <span aria-hidden>{STATUS_ICON[p.status]}</span>
                {t(`phases.status.${p.status}`)}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-stone-700" data-testid="phases-summary">
        {t("phases.summary", { count: fmt.number(phases.length), late: fmt.number(late) })}
      </p>
      <div className="max-h-[28rem] overflow-y-auto print:max-h-none print:overflow-visible">{table}</div>
    </div>
  );
}

/** How many rows each gap list has, each a link to the full list (filter, sort, pages, CSV). */
export async function GapsWidget({ viewer, i18n, unit, asOf }: Base) {
  const { t, fmt } = i18n;
  const counts = await Promise.all(
    GAP_KINDS.map(async (kind) => {
      const list = await getGapList(viewer, unit?.id ?? null, asOf, GapQuerySchema.parse({ kind }), null);
      return { kind, total: list.total };
    }),
  );
  const unitParam = unit ? `&unit=${unit.code}` : "";
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="gaps-summary">
      {counts.map(({ kind, total }) => (
        <li key={kind}>
          <Link
            href={`/gaps?kind=${kind}&asOf=${asOf}${unitParam}`}
            data-gap-kind={kind}
            className={`flex h-full items-start justify-between gap-3 rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${total > 0 ? "border-amber-300" : "border-stone-200"}`}
          >
            <span className="text-sm text-stone-800">{t(`gaps.kind.${kind}`)}</span>
            <span className={`text-xl font-semibold tabular-nums ${total > 0 ? "text-amber-800" : "text-stone-500"}`} data-testid={`gap-count-${kind}`}>
              {fmt.number(total)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * The results of the last twelve months that ended before the date: reporting completeness and the main
 * totals of approved returns, linking to the results page (drill-down, by month, targets, exports).
 */
export async function ResultsWidget({ viewer, i18n, unit, asOf }: Base) {
  const { t, fmt } = i18n;
  const to = addMonth(monthOf(asOf), -1);
  const from = addMonth(to, -11);
  const r = await getResults(viewer, unit?.id ?? null, from, to, asOf);
  const q = new URLSearchParams({ from, to, asOf, ...(unit ? { unit: unit.code } : {}) });
  if (r.total.expected === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("results.empty")}</p>;
  const share = (n: number) => fmt.percent(percent(n, r.total.expected));
  const cards: [string, string, string | null][] = [
    [t("results.received"), share(r.total.received), `${fmt.number(r.total.received)}/${fmt.number(r.total.expected)}`],
    [t("results.approved"), share(r.total.approved), t("results.onTime") + ": " + share(r.total.onTime)],
    ...(["securityReports", "crimeReports", "casesCleared", "chipIdApplications"] as const).map((k): [string, string, null] => [t(`indicator.${k}`), fmt.number(r.total.values[k]), null]),
  ];
  return (
    <div className="space-y-2" data-testid="results-summary">
      <p className="text-sm text-stone-600">{t("results.period12", { from: formatMonth(from), to: formatMonth(to) })}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {cards.map(([label, value, sub]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
            <dt className="text-xs text-stone-600">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
            {sub && <dd className="text-xs tabular-nums text-stone-500">{sub}</dd>}
          </div>
        ))}
      </dl>
      <Link href={`/results?${q}`} className="inline-block text-sm font-medium text-brand-800 hover:underline">{t("results.more")}</Link>
    </div>
  );
}

/** A commune's staffing history: every assignment, newest first, with how and when it ended. */
export async function CommuneHistoryWidget({ viewer, i18n, unit, asOf }: Base & { unit: UnitOnDate }) {
  const { t, fmt } = i18n;
  const history = await getCommuneHistory(viewer, unit.id, asOf);
  if (history.length === 0) return <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("history.empty")}</p>;
  return (
    <div className="max-h-96 overflow-y-auto print:max-h-none print:overflow-visible">
      <DataTable
        testId="history-table"
        columns={[
          { label: t("officers.name") },
          { label: t("officers.post") },
          { label: t("history.from"), align: "right" },
          { label: t("history.to"), align: "right" },
          { label: t("history.reason") },
        ]}
      >
        {history.map((h) => (
          <tr key={h.assignmentId} className={h.startDate <= asOf && (h.endDate === null || h.endDate > asOf) ? "bg-brand-50/60" : ""}>
            <th scope="row" className="px-3 py-2 text-left font-medium">
              <Link href={`/officers/${h.officerId}`} className="text-brand-700 hover:underline">
                {h.fullName}
              </Link>
              <span className="ml-2 text-xs font-normal text-stone-400">{h.officerNumber}</span>
            </th>
            <td className="px-3 py-2">{t(`post.${h.post}`)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{fmt.date(h.startDate)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{h.endDate ? fmt.date(h.endDate) : t("history.current")}</td>
            <td className="px-3 py-2 text-stone-600">{h.endReason ? t(`endReason.${h.endReason}`) : ""}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** A commune's phase and its norm against the officers serving on the date. */
export async function CommuneStatusWidget({ viewer, i18n, unit, asOf }: Base & { unit: UnitOnDate }) {
  const { t, fmt } = i18n;
  const [coverage, phases, settings] = await Promise.all([
    getCoverage(viewer, unit.id, asOf),
    getPhases(viewer, unit.id, asOf),
    getCommuneSettings(viewer, unit.id, asOf),
  ]);
  const f = coverage.total;
  const phase = phases[0];
  const short = Math.max(0, settings.staffingNorm - f.officers);
  return (
    <dl className="grid gap-3 sm:grid-cols-3" data-testid="commune-status">
      <div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
        <dt className="text-sm text-stone-600">{t("commune.phase")}</dt>
        <dd className="mt-1 font-medium" data-testid="commune-phase">
          {phase ? (
            <>
              {phase.name} <span className="text-xs text-stone-500">({phase.planCode})</span>
              <span className="block text-xs font-normal text-stone-600">
                {t("commune.phaseDates", { start: fmt.date(phase.startDate), target: phase.targetDate ? fmt.date(phase.targetDate) : "—" })}
              </span>
            </>
          ) : f.inProgramme > 0 ? (
            t("commune.noPhase")
          ) : (
            t("unit.notInProgramme")
          )}
        </dd>
      </div>
      <div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
        <dt className="text-sm text-stone-600">{t("commune.normVsActual")}</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums text-brand-900" data-testid="commune-norm">
          {`${fmt.number(f.officers)}/${fmt.number(settings.staffingNorm)}`}
        </dd>
        <dd className={`text-xs ${short > 0 ? "font-medium text-amber-800" : "text-stone-600"}`}>
          {short > 0 ? t("commune.short", { n: fmt.number(short) }) : t("commune.full")}
        </dd>
      </div>
      <div className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
        <dt className="text-sm text-stone-600">{t("commune.cells")}</dt>
        <dd className="mt-1 font-medium">
          {f.partyCells > 0 ? t("commune.cellPolice", { police: fmt.number(f.secretariesPolice), cells: fmt.number(f.partyCells) }) : t("commune.noCell")}
        </dd>
      </div>
    </dl>
  );
}
