import Link from "next/link";
import type { Viewer } from "@/lib/auth/session";
import type { I18n } from "@/lib/i18n";
import { getLineage, type LineageUnit } from "@/lib/units/lineage";

/** Where a unit came from and went into through a reform of the map, with dates and links (issue 9). */
export async function UnitLineage({ viewer, i18n, unitId }: { viewer: Viewer; i18n: I18n; unitId: number }) {
  const { t, fmt } = i18n;
  const { predecessors, successors } = await getLineage(viewer, unitId);
  if (predecessors.length === 0 && successors.length === 0) return null;
  const item = (u: LineageUnit) => {
    const label = `${u.name} (${u.code})${u.whole ? "" : ` — ${t("lineage.part")}`}`;
    return (
      <li key={`${u.code}:${u.seenOn}`}>
        {u.linked ? (
          <Link href={`/units/${u.code}?asOf=${u.seenOn}`} className="text-brand-700 hover:underline">
            {label}
          </Link>
        ) : (
          label
        )}
      </li>
    );
  };
  const group = (title: string, units: LineageUnit[], testId: string) =>
    units.length > 0 && (
      <div data-testid={testId}>
        <h2 className="text-xs font-semibold uppercase tracking-wide text-stone-500">{title}</h2>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">{units.map(item)}</ul>
      </div>
    );
  return (
    <section aria-label={t("lineage.heading")} className="space-y-2 rounded border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-stone-800" data-testid="lineage">
      {group(t("lineage.predecessors", { date: fmt.date(predecessors[0]?.reformOn ?? successors[0]!.reformOn) }), predecessors, "predecessors")}
      {group(t("lineage.successors", { date: fmt.date(successors[0]?.reformOn ?? predecessors[0]!.reformOn) }), successors, "successors")}
    </section>
  );
}
