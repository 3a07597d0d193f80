import { redirect } from "next/navigation";
import { parseChildSort } from "@/components/coverage/children-table";
import { UnitDashboard } from "@/components/coverage/unit-dashboard";
import { requireViewer } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/coverage/params";
import { getI18n } from "@/lib/i18n/server";
import { findUnitByCode } from "@/lib/units/queries";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Home: the viewer's own scope (the country, their province or their district) on the chosen date. */
export default async function HomePage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const p = parseDashboardParams(sp, "/");
  if (p.redirectTo) redirect(p.redirectTo);
  const unit = viewer.unitCode ? await findUnitByCode(viewer.unitCode, p.asOf) : null;
  return (
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
}
