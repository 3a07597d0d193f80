import Link from "next/link";
import { Suspense } from "react";
import type { Viewer } from "@/lib/auth/session";
import { isNationwide } from "@/lib/auth/scope";
import { getCoverage } from "@/lib/coverage/queries";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import { can } from "@/lib/actions/scoped";
import { PartySection } from "@/components/party/party-section";
import { CommuneSettingsForm } from "@/components/staffing/commune-settings-form";
import { getServingOfficers } from "@/lib/staffing/queries";
import { getCommuneSettings, listPhasesForCommune } from "@/lib/staffing/settings";
import { getUnitPath, type UnitOnDate } from "@/lib/units/queries";
import type { UnitLevel } from "@/lib/units/types";
import { AsOfForm } from "./as-of-form";
import { Breadcrumbs } from "./breadcrumbs";
import { ChildrenTable } from "./children-table";
import { FigureCards } from "./figure-cards";
import { OfficerTable } from "./officer-table";

const CHILD_LEVEL: Record<"NATION" | UnitLevel, UnitLevel | null> = {
  NATION: "PROVINCE",
  PROVINCE: "DISTRICT",
  DISTRICT: "COMMUNE",
  COMMUNE: null,
};

type Props = {
  viewer: Viewer;
  i18n: I18n;
  /** null = the whole country */
  unit: UnitOnDate | null;
  asOf: IsoDate;
  /** the rejected ?asOf= value, if any */
  invalidAsOf?: string;
  basePath: string;
};

/** The page of one unit (or the country) on one date: figures, then its children or its officers. */
export async function UnitDashboard({ viewer, i18n, unit, asOf, invalidAsOf, basePath }: Props) {
  const { t, fmt } = i18n;
  const fullPath = unit ? await getUnitPath(unit.id, unit.seenOn) : [];
  const nationwide = isNationwide(viewer);
  const from = nationwide ? 0 : Math.max(0, fullPath.findIndex((u) => u.id === viewer.unitId));
  const path = fullPath.slice(from);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Breadcrumbs i18n={i18n} path={path} asOf={asOf} showNational={nationwide && unit !== null} />
          <h1 className="text-2xl font-semibold text-stone-900" data-testid="unit-title">
            {unit ? unit.name : t("scope.national")}
          </h1>
          {unit && (
            <p className="text-sm text-stone-500">
              {t(`unitType.${unit.type}`)} · {t("unit.code", { code: unit.code })} ·{" "}
              <Link href={`/audit?unit=${unit.code}`} className="text-brand-700 hover:underline" data-no-print>
                {t("audit.forUnit")}
              </Link>
            </p>
          )}
        </div>
        <AsOfForm i18n={i18n} asOf={asOf} action={basePath} />
      </div>
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
      <h2 className="text-sm font-semibold uppercase tracking-wide text-stone-500">{t("figures.heading", { date: fmt.date(asOf) })}</h2>
      <Suspense key={`${unit?.id ?? "vn"}:${asOf}`} fallback={<DashboardSkeleton label={t("loading")} />}>
        <CoverageSection viewer={viewer} i18n={i18n} unit={unit} asOf={asOf} />
      </Suspense>
    </div>
  );
}

async function CoverageSection({ viewer, i18n, unit, asOf }: Omit<Props, "basePath" | "invalidAsOf">) {
  const { t } = i18n;
  const childLevel = CHILD_LEVEL[unit ? unit.level : "NATION"];
  const commune = unit?.level === "COMMUNE" ? unit : null;
  const [coverage, officers, settings] = await Promise.all([
    getCoverage(viewer, unit?.id ?? null, asOf),
    commune ? getServingOfficers(viewer, commune.id, asOf) : Promise.resolve(null),
    commune ? getCommuneSettings(viewer, commune.id, asOf) : Promise.resolve(null),
  ]);
  const empty = coverage.total.inProgramme === 0;
  return (
    <div className="space-y-6">
      {empty && (
        <p role="status" className="rounded border border-stone-300 bg-white px-3 py-2 text-sm text-stone-700">
          {unit?.level === "COMMUNE" ? t("unit.notInProgramme") : t("empty.noData")}
        </p>
      )}
      <FigureCards i18n={i18n} figures={coverage.total} />
      {childLevel && (
        <section aria-labelledby="children-heading" className="space-y-2">
          <h2 id="children-heading" className="text-lg font-semibold">
            {t(`children.heading.${childLevel}`)}
          </h2>
          <ChildrenTable i18n={i18n} rows={coverage.children} asOf={asOf} level={childLevel} />
        </section>
      )}
      {officers && (
        <section aria-labelledby="officers-heading" className="space-y-2">
          <h2 id="officers-heading" className="text-lg font-semibold">
            {t("officers.heading")}
          </h2>
          <OfficerTable i18n={i18n} officers={officers} />
        </section>
      )}
      {commune && <PartySection viewer={viewer} i18n={i18n} communeId={commune.id} asOf={asOf} />}
      {commune && settings && (
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
      )}
    </div>
  );
}

export function DashboardSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-24 animate-pulse rounded-lg bg-stone-200" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-lg bg-stone-200" />
    </div>
  );
}
