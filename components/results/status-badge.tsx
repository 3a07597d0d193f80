import type { I18n } from "@/lib/i18n";
import type { ReturnStatusName } from "@/lib/results/indicators";

const LOOK: Record<ReturnStatusName | "NONE", string> = {
  NONE: "border-stone-300 bg-white text-stone-600",
  DRAFT: "border-stone-400 bg-stone-100 text-stone-800",
  SUBMITTED: "border-amber-400 bg-amber-50 text-amber-900",
  APPROVED: "border-green-600 bg-green-50 text-green-900",
  RETURNED: "border-red-400 bg-red-50 text-red-900",
};
const ICON: Record<ReturnStatusName | "NONE", string> = { NONE: "○", DRAFT: "✎", SUBMITTED: "→", APPROVED: "✓", RETURNED: "↩" };

/** A return's status in words, with a symbol so it does not rely on colour alone. */
export function StatusBadge({ i18n, status }: { i18n: I18n; status: ReturnStatusName | null }) {
  const s = status ?? "NONE";
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${LOOK[s]}`} data-status={s}>
      <span aria-hidden>{ICON[s]}</span>
      {i18n.t(`returnStatus.${s}`)}
    </span>
  );
}
