import { DashboardSkeleton } from "@/components/coverage/unit-dashboard";
import { getI18n } from "@/lib/i18n/server";

export default async function Loading() {
  const { t } = await getI18n();
  return <DashboardSkeleton label={t("loading")} />;
}
