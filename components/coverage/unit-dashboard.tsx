import { FacilityForm } from "@/components/facilities/facility-form";
import { EQUIPMENT } from "@/lib/facilities/schemas";
import { getFacility } from "@/lib/facilities/service";
import Link from "next/link";
import { Suspense } from "react";
import type { Viewer } from "@/lib/auth/session";
import { isNationwide } from "@/lib/auth/scope";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { withVocabulary, type I18n } from "@/lib/i18n";
import { can } from "@/lib/actions/scoped";
import { PartySection } from "@/components/party/party-section";
import { CommuneSettingsForm } from "@/components/staffing/commune-settings-form";
import { getServingOfficers } from "@/lib/staffing/queries";
import { getCommuneSettings, listPhasesForCommune } from "@/lib/staffing/settings";
import { UnitLineage } from "@/components/units/lineage";
import { childLevelOn, getUnitPath, isTwoLevelMapOn, type UnitOnDate } from "@/lib/units/queries";
import { AsOfForm } from "./as-of-form";
import { Breadcrumbs } from "./breadcrumbs";
import type { ChildSort } from "./children-table";
import { OfficerTable } from "./officer-table";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import {
  CardsSkeleton,
  ChildrenWidget,
  CommuneHistoryWidget,
  CommuneStatusWidget,
  GapsWidget,
  ResultsWidget,
  OverviewWidget,
  PhasesWidget,
  Section,
  SeriesWidget,
  WidgetSkeleton,
} from "./widgets";

type Props = {
  viewer: Viewer;
  i18n: I18n;
  /** null = the whole country */
  unit: UnitOnDate | null;
  asOf: IsoDate;
  /** the date the cards compare with (default: a month before asOf) */
  compare: IsoDate;
  /** the rejected ?asOf= value, if any */
  invalidAsOf?: string;
  sort: ChildSort | null;
  basePath: string;
};

/** The query string of a dashboard view: unit (in the path), date, comparison date and table order. */
export function dashboardHref(basePath: string, p: { asOf: IsoDate; compare?: IsoDate; sort?: string; dir?: string }) {
  const q = new URLSearchParams({ asOf: p.asOf });
  if (p.compare) q.set("compare", p.compare);
  if (p.sort) q.set("sort", p.sort);
  if (p.dir) q.set("dir", p.dir);
  return `${basePath}?${q.toString()}`;
}

/** The page of one unit (or the country) on one date: one widget per question, each streamed on its own. */
export async function UnitDashboard({ viewer, i18n: reader, unit, asOf, compare, invalidAsOf, sort, basePath }: Props) {
  const [fullPath, childLevel, twoLevel] = await Promise.all([unit ? getUnitPath(unit.id, unit.seenOn) : [], childLevelOn(unit, asOf), isTwoLevelMapOn(asOf)]);
  // worded for the map of the date shown: "xã, thị trấn" before the 2025 reform, "đơn vị cấp xã" after it
  const i18n = withVocabulary(reader, twoLevel ? "twoLevel" : "threeLevel");
  const { t, fmt } = i18n;
  const nationwide = isNationwide(viewer);
  const from = nationwide ? 0 : Math.max(0, fullPath.findIndex((u) => u.id === viewer.unitId));
  const path = fullPath.slice(from);
  const commune = unit?.level === "COMMUNE" ? unit : null;
  const key = `${unit?.id ?? "vn"}:${asOf}`;
  const base = { viewer, i18n, unit, asOf };
  const loading = t("loading");
  const sortHref = (s: string, dir: string) => `${dashboardHref(basePath, { asOf, compare, sort: s, dir })}#children-heading`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Breadcrumbs i18n={i18n} path={path} asOf={asOf} showNational={nationwide && unit !== null} />
          <h1 className="text-2xl font-semibold text-stone-900" data-testid="unit-title">
            {unit ? unit.name : t("scope.national")}
          </h1>
          {unit && (
            <p className="text-sm text-stone-500">
              {t(`unitType.${unit.type}`)} · {t("unit.code", { code: unit.code })}
              <span data-no-print>
                {" · "}
                <Link href={`/reports?unit=${unit.code}&asOf=${asOf}`} className="text-brand-700 hover:underline">
                  {t("unit.report")}
                </Link>
                {" · "}
                <Link href={`/audit?unit=${unit.code}`} className="text-brand-700 hover:underline">
                  {t("audit.forUnit")}
                </Link>
              </span>
            </p>
          )}
        </div>
        <AsOfForm i18n={i18n} asOf={asOf} compare={compare} action={basePath} />
      </div>
      {unit && <UnitLineage viewer={viewer} i18n={i18n} unitId={unit.id} />}
      {invalidAsOf !== undefined && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("asOf.invalid", { value: invalidAsOf })}
        </p>
      )}
      {unit && !unit.existedOnAsOf && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("unit.notExisting", { date: fmt.date(asOf), seen: fmt.date(unit.seenOn) })}
        </p>
      )}
      <Section id="figures" title={t("figures.heading", { date: fmt.date(asOf) })}>
        <Widget i18n={i18n} k={`${key}:${compare}`} fallback={<CardsSkeleton label={loading} />}>
          <OverviewWidget {...base} compare={compare} />
        </Widget>
      </Section>
      {commune && (
        <Widget i18n={i18n} k={`${key}:status`} fallback={<WidgetSkeleton label={loading} height="h-24" />}>
          <CommuneStatusWidget {...base} unit={commune} />
        </Widget>
      )}
      <Section id="series" title={t("series.heading")}>
        <Widget i18n={i18n} k={`${key}:series`} fallback={<WidgetSkeleton label={loading} height="h-72" />}>
          <SeriesWidget {...base} />
        </Widget>
      </Section>
      {childLevel && (
        <Section id="children" title={t(`children.heading.${childLevel}`)}>
          <Widget i18n={i18n} k={`${key}:children`} fallback={<WidgetSkeleton label={loading} height="h-96" />}>
            <ChildrenWidget {...base} level={childLevel} sort={sort} sortHref={sortHref} />
          </Widget>
        </Section>
      )}
      {!commune && (
        <Section id="phases" title={t("phases.heading")}>
          <Widget i18n={i18n} k={`${key}:phases`} fallback={<WidgetSkeleton label={loading} />}>
            <PhasesWidget {...base} />
          </Widget>
        </Section>
      )}
      <Section id="results" title={t("results.heading")}>
        <Widget i18n={i18n} k={`${key}:results`} fallback={<WidgetSkeleton label={loading} height="h-32" />}>
          <ResultsWidget {...base} />
        </Widget>
      </Section>
      {!commune && (
        <Section id="gaps" title={t("gaps.heading")}>
          <Widget i18n={i18n} k={`${key}:gaps`} fallback={<WidgetSkeleton label={loading} height="h-32" />}>
            <GapsWidget {...base} />
          </Widget>
        </Section>
      )}
      {commune && (
        <Widget i18n={i18n} k={`${key}:commune`} fallback={<WidgetSkeleton label={loading} height="h-64" />}>
          <CommuneSections {...base} unit={commune} />
        </Widget>
      )}
    </div>
  );
}

/** A commune: its officers on the date, its staffing history, its Party cell and its settings. */
async function CommuneSections({ viewer, i18n, unit: commune, asOf }: { viewer: Viewer; i18n: I18n; unit: UnitOnDate; asOf: IsoDate }) {
  const { t } = i18n;
  const [officers, settings] = await Promise.all([getServingOfficers(viewer, commune.id, asOf), getCommuneSettings(viewer, commune.id, asOf)]);
  return (
    <div className="space-y-6">
      <Section id="officers" title={t("officers.heading")}>
        <OfficerTable i18n={i18n} officers={officers} />
      </Section>
      <Section id="history" title={t("history.heading")}>
        <Widget i18n={i18n} k={`${commune.id}:${asOf}:history`} fallback={<WidgetSkeleton label={t("loading")} />}>
          <CommuneHistoryWidget viewer={viewer} i18n={i18n} unit={commune} asOf={asOf} />
        </Widget>
      </Section>
      <PartySection viewer={viewer} i18n={i18n} communeId={commune.id} asOf={asOf} />
      <FacilitySection viewer={viewer} i18n={i18n} communeId={commune.id} asOf={asOf} />
      <section aria-labelledby="settings-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-no-print>
        <h2 id="settings-heading" className="text-lg font-semibold">{t("settings.heading")}</h2>
        <p className="text-sm text-stone-700" data-testid="settings-current">
          {t("settings.current", {
            norm: settings.staffingNorm,
            border: `${settings.isBorder ? t("settings.borderSuffix") : ""}${settings.inProgramme === true ? t("settings.inSuffix") : settings.inProgramme === false ? t("settings.outSuffix") : ""}`,
            since: settings.since ? i18n.fmt.date(settings.since) : t("settings.sinceStart"),
          })}
        </p>
        {can(viewer, "write:staffing") && (
          <>
            <p className="text-xs text-stone-500">{t("settings.help")}</p>
            <CommuneSettingsForm
              locale={i18n.locale}
              communeId={commune.id}
              current={asOf === todayInVietnam() ? settings : await getCommuneSettings(viewer, commune.id, todayInVietnam())}
              phases={await listPhasesForCommune(viewer, commune.id)}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** The commune police's headquarters and equipment on the date, their changes, and (for writers) the form. */
async function FacilitySection({ viewer, i18n, communeId, asOf }: { viewer: Viewer; i18n: I18n; communeId: number; asOf: IsoDate }) {
  const { t, fmt } = i18n;
  const { current, history } = await getFacility(viewer, communeId, asOf);
  const missing = EQUIPMENT.filter((e) => !current.equipment.includes(e));
  // the form starts from what is in force today, whatever date the page shows
  const today = asOf === todayInVietnam() ? current : (await getFacility(viewer, communeId, todayInVietnam())).current;
  const formDefaults = { version: today.version, hqStatus: today.hqStatus, equipment: today.equipment };
  return (
    <section aria-labelledby="facility-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="facility">
      <h2 id="facility-heading" className="text-lg font-semibold">{t("facility.heading")}</h2>
      {current.hqStatus === null ? (
        <p className="text-sm text-stone-700">{t("facility.none")}</p>
      ) : (
        <div className="space-y-1 text-sm" data-testid="facility-current">
          <p>
            <span className="font-medium">{t(`facility.status.${current.hqStatus}`)}</span>
            {current.since && <span className="text-stone-500"> — {t("facility.since", { date: fmt.date(current.since) })}</span>}
          </p>
          <p className="text-stone-700">
            {missing.length === 0 ? t("facility.complete") : t("facility.missing", { items: missing.map((e) => t(`facility.item.${e}`)).join(", ") })}
          </p>
          {current.note && <p className="text-stone-600">{current.note}</p>}
        </div>
      )}
      {history.length > 1 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-800">{t("facility.history")}</summary>
          <ul className="mt-1 space-y-0.5">
            {history.map((h) => (
              <li key={h.from} className="tabular-nums">
                {fmt.date(h.from)}{h.to ? ` – ${fmt.date(h.to)}` : ""}: {t(`facility.status.${h.hqStatus}`)} · {h.equipment.map((e) => t(`facility.item.${e}`)).join(", ") || "—"}
              </li>
            ))}
          </ul>
        </details>
      )}
      {can(viewer, "write:staffing") && <FacilityForm locale={i18n.locale} communeId={communeId} {...formDefaults} />}
    </section>
  );
}

/** One dashboard widget: streamed in its own Suspense, and failing on its own (WidgetBoundary). */
function Widget({ i18n, k, fallback, children }: { i18n: I18n; k: string; fallback: React.ReactNode; children: React.ReactNode }) {
  const { t } = i18n;
  return (
    <WidgetBoundary key={k} title={t("widget.errorTitle")} body={t("widget.errorBody")} retry={t("error.retry")}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </WidgetBoundary>
  );
}
