import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { UnitDashboard } from "@/components/coverage/unit-dashboard";
import { requireUnitInScope } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { parseAsOf } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";

type PageProps = { params: Promise<{ code: string }>; searchParams: Promise<{ asOf?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const [viewer, { code }, sp] = await Promise.all([requireViewer(), params, searchParams]);
  const unit = await requireUnitInScope(viewer, code, parseAsOf(sp.asOf).asOf);
  return { title: unit.name };
}

/** A province, district or commune on the chosen date. Outside the viewer's scope: 404. */
export default async function UnitPage({ params, searchParams }: PageProps) {
  const [viewer, i18n, { code }, sp] = await Promise.all([requireViewer(), getI18n(), params, searchParams]);
  const { asOf, invalid, canonical, raw } = parseAsOf(sp.asOf);
  if (!canonical) redirect(`/units/${encodeURIComponent(code)}?asOf=${asOf}`);
  const unit = await requireUnitInScope(viewer, code, asOf);
  return (
    <UnitDashboard
      viewer={viewer}
      i18n={i18n}
      unit={unit}
      asOf={asOf}
      invalidAsOf={invalid ? raw : undefined}
      basePath={`/units/${unit.code}`}
    />
  );
}
