import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { parseChildSort } from "@/components/coverage/children-table";
import { UnitDashboard } from "@/components/coverage/unit-dashboard";
import { requireUnitInScope } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { parseDashboardParams } from "@/lib/coverage/params";
import { parseAsOf } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";

type PageProps = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const [viewer, { code }, sp] = await Promise.all([requireViewer(), params, searchParams]);
  const unit = await requireUnitInScope(viewer, code, parseAsOf(sp.asOf).asOf);
  return { title: unit.name };
}

/** A province, district or commune on the chosen date. Outside the viewer's scope: 404. */
export default async function UnitPage({ params, searchParams }: PageProps) {
  const [viewer, i18n, { code }, sp] = await Promise.all([requireViewer(), getI18n(), params, searchParams]);
  const basePath = `/units/${encodeURIComponent(code)}`;
  const p = parseDashboardParams(sp, basePath);
  if (p.redirectTo) redirect(p.redirectTo);
  const unit = await requireUnitInScope(viewer, code, p.asOf);
  return (
    <UnitDashboard
      viewer={viewer}
      i18n={i18n}
      unit={unit}
      asOf={p.asOf}
      compare={p.compare}
      invalidAsOf={p.invalidAsOf}
      sort={parseChildSort(p.sort, p.dir)}
      basePath={`/units/${unit.code}`}
    />
  );
}
