import { redirect } from "next/navigation";
import { UnitDashboard } from "@/components/coverage/unit-dashboard";
import { requireViewer } from "@/lib/auth/session";
import { parseAsOf } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { findUnitByCode } from "@/lib/units/queries";

type PageProps = { searchParams: Promise<{ asOf?: string | string[] }> };

/** Home: the viewer's own scope (the country, their province or their district) on the chosen date. */
export default async function HomePage({ searchParams }: PageProps) {
  const [viewer, i18n, params] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { asOf, invalid, canonical, raw } = parseAsOf(params.asOf);
  if (!canonical) redirect(`/?asOf=${asOf}`);
  const unit = viewer.unitCode ? await findUnitByCode(viewer.unitCode, asOf) : null;
  return <UnitDashboard viewer={viewer} i18n={i18n} unit={unit} asOf={asOf} invalidAsOf={invalid ? raw : undefined} basePath="/" />;
}
