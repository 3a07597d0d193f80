import type { Figures } from "@/lib/coverage/figures";
import { percent } from "@/lib/coverage/figures";
import type { I18n } from "@/lib/i18n";

function Card({ id, label, value, detail }: { id: string; label: string; value: string; detail?: string }) {
  return (
    <div data-testid={`figure-${id}`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="mt-1">
        <span data-testid={`figure-${id}-value`} className="text-2xl font-semibold tabular-nums text-brand-900">
          {value}
        </span>
        {detail && <span className="mt-0.5 block text-xs text-stone-500">{detail}</span>}
      </dd>
    </div>
  );
}

/** The headline figures of DOMAIN.md for one unit on one date. */
export function FigureCards({ i18n, figures }: { i18n: I18n; figures: Figures }) {
  const { t, fmt } = i18n;
  const f = figures;
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Card
        id="coverage"
        label={t("figures.coverage")}
        value={fmt.ratio(f.staffed, f.inProgramme, f.coveragePercent)}
        detail={t("figures.coverageHint")}
      />
      <Card
        id="fully-staffed"
        label={t("figures.fullyStaffed")}
        value={fmt.ratio(f.fullyStaffed, f.inProgramme, f.inProgramme ? percent(f.fullyStaffed, f.inProgramme) : null)}
        detail={t("figures.fullyStaffedHint")}
      />
      <Card id="officers" label={t("figures.officers")} value={fmt.number(f.officers)} detail={t("figures.officersHint")} />
      <Card
        id="per-commune"
        label={t("figures.perCommune")}
        value={f.officersPerCommune === null ? t("figures.none") : fmt.decimal(f.officersPerCommune)}
        detail={t("figures.perCommuneUnit")}
      />
      <Card id="party-cells" label={t("figures.partyCells")} value={fmt.number(f.partyCells)} detail={t("figures.partyCellsHint")} />
      <Card
        id="secretaries-police"
        label={t("figures.secretariesPolice")}
        value={`${fmt.number(f.secretariesPolice)}/${fmt.number(f.partyCells)}`}
        detail={t("figures.secretariesPoliceHint")}
      />
      <Card id="executive" label={t("figures.executive")} value={fmt.number(f.executiveMembers)} detail={t("figures.membersHint")} />
      <Card id="standing" label={t("figures.standing")} value={fmt.number(f.standingMembers)} detail={t("figures.membersHint")} />
    </dl>
  );
}
