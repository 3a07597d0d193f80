import Link from "next/link";
import { redirect } from "next/navigation";
import { parseChildSort } from "@/components/coverage/children-table";
import { dashboardHref, UnitDashboard } from "@/components/coverage/unit-dashboard";
import { requireViewer } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/coverage/params";
import { getI18n } from "@/lib/i18n/server";
import { can } from "@/lib/actions/scoped";
import { countOpenPlacements } from "@/lib/units/placements";
import { todayInVietnam } from "@/lib/dates";
import { findUnitById } from "@/lib/units/queries";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Home: the viewer's own scope (the country, their province or their district) on the chosen date. An account
 * whose unit a reform ended reaches nothing after that day: without a chosen date it opens on the unit's last
 * day, and says so, until an admin gives it a new unit.
 */
export default async function HomePage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const p = parseDashboardParams(sp, "/");
  if (p.redirectTo) redirect(p.redirectTo);
  const [unit, open] = await Promise.all([
    viewer.unitId !== null ? findUnitById(viewer.unitId, p.asOf) : null,
    can(viewer, "write:staffing") ? countOpenPlacements(viewer) : 0,
  ]);
  const today = todayInVietnam();
  const endedOn = unit?.validTo && unit.validTo <= today ? unit.validTo : null;
  if (endedOn && sp.asOf === undefined && !unit!.existedOnAsOf) redirect(dashboardHref("/", { asOf: unit!.seenOn }));
  const dashboard = (
    <UnitDashboard
      viewer={viewer}
      i18n={i18n}
      unit={unit}
      asOf={p.asOf}
      compare={p.compare}
      invalidAsOf={p.invalidAsOf}
      sort={parseChildSort(p.sort, p.dir)}
      basePath="/"
    />
  );
  if (open === 0 && !endedOn) return dashboard;
  return (
    <div className="space-y-4">
      {endedOn && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="unit-ended-banner">
          {i18n.t("home.unitEnded", { unit: unit!.name, date: i18n.fmt.date(endedOn) })}
        </p>
      )}
      {/* placements a reform left for this viewer to review (lib/units/placements.ts) */}
      {open > 0 && <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="placements-banner">
        {i18n.t("placements.banner", { n: i18n.fmt.number(open) })}{" "}
        <Link href="/reform" className="font-medium text-brand-700 underline">{i18n.t("placements.bannerLink")}</Link>
      </p>}
      {dashboard}
    </div>
  );
}
