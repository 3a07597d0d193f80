import type { I18n } from "@/lib/i18n";
import type { TargetProgressRow } from "./queries";

/** "Hoàn thành ngày 14/05/2021, trước hạn 47 ngày" — a target's status in words, for the page and the exports. */
export function targetStatusText(g: Pick<TargetProgressRow, "status" | "metOn" | "daysEarly">, i18n: I18n): string {
  const { t, fmt } = i18n;
  if (g.status === "metEarly" || g.status === "metLate") return t(`results.target.${g.status}`, { date: fmt.date(g.metOn!), n: fmt.number(Math.abs(g.daysEarly!)) });
  if (g.status === "metOnDue") return t("results.target.metOnDue", { date: fmt.date(g.metOn!) });
  return t(`results.target.${g.status}`);
}
