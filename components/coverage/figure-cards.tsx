import type { Figures } from "@/lib/coverage/figures";
import { percent } from "@/lib/coverage/figures";
import type { IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";

type Change = { now: number | null; before: number | null; decimal?: boolean };

function Card({ id, label, value, detail, change, i18n, since }: { id: string; label: string; value: string; detail?: string; change?: Change; i18n: I18n; since?: IsoDate }) {
  return (
    <div data-testid={`figure-${id}`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm print:break-inside-avoid">
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="mt-1">
        <span data-testid={`figure-${id}-value`} className="text-2xl font-semibold tabular-nums text-brand-900">
          {value}
        </span>
        {detail && <span className="mt-0.5 block text-xs text-stone-500">{detail}</span>}
        {change && since && <ChangeLine i18n={i18n} change={change} since={since} id={id} />}
      </dd>
    </div>
  );
}

/** "▲ 12 so với 21/10/2026": arrow, sign and words, so the change never depends on colour alone. */
function ChangeLine({ i18n, change, since, id }: { i18n: I18n; change: Change; since: IsoDate; id: string }) {
  const { t, fmt } = i18n;
  if (change.now === null || change.before === null) return null;
  const diff = Math.round((change.now - change.before) * 10) / 10;
  const amount = change.decimal ? fmt.decimal(Math.abs(diff)) : fmt.number(Math.abs(diff));
  const date = fmt.date(since);
  const text = diff === 0 ? t("change.same", { date }) : t(diff > 0 ? "change.up" : "change.down", { amount, date });
  return (
    <span data-testid={`figure-${id}-change`} className={`mt-1 block text-xs font-medium ${diff > 0 ? "text-brand-800" : diff < 0 ? "text-amber-800" : "text-stone-500"}`}>
      <span aria-hidden>{diff > 0 ? "▲ " : diff < 0 ? "▼ " : "= "}</span>
      {text}
    </span>
  );
}

/** The headline figures of DOMAIN.md for one unit on one date, each with its change since `compare`. */
export function FigureCards({ i18n, figures, previous, compareDate }: { i18n: I18n; figures: Figures; previous?: Figures; compareDate?: IsoDate }) {
  const { t, fmt } = i18n;
  const f = figures;
  const p = previous;
  const c = (now: number | null, before: number | null | undefined, decimal = false): Change | undefined =>
    p === undefined ? undefined : { now, before: before ?? null, decimal };
  const common = { i18n, since: compareDate };
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Card
        {...common}
        id="coverage"
        label={t("figures.coverage")}
        value={fmt.ratio(f.staffed, f.inProgramme, f.coveragePercent)}
        detail={t("figures.coverageHint")}
        change={c(f.staffed, p?.staffed)}
      />
      <Card
        {...common}
        id="fully-staffed"
        label={t("figures.fullyStaffed")}
        value={fmt.ratio(f.fullyStaffed, f.inProgramme, f.inProgramme ? percent(f.fullyStaffed, f.inProgramme) : null)}
        detail={t("figures.fullyStaffedHint")}
        change={c(f.fullyStaffed, p?.fullyStaffed)}
      />
      <Card {...common} id="officers" label={t("figures.officers")} value={fmt.number(f.officers)} detail={t("figures.officersHint")} change={c(f.officers, p?.officers)} />
      <Card
        {...common}
        id="per-commune"
        label={t("figures.perCommune")}
        value={f.officersPerCommune === null ? t("figures.none") : fmt.decimal(f.officersPerCommune)}
        detail={t("figures.perCommuneUnit")}
        change={c(f.officersPerCommune, p?.officersPerCommune, true)}
      />
      <Card {...common} id="party-cells" label={t("figures.partyCells")} value={fmt.number(f.partyCells)} detail={t("figures.partyCellsHint")} change={c(f.partyCells, p?.partyCells)} />
      <Card
        {...common}
        id="secretaries-police"
        label={t("figures.secretariesPolice")}
        value={`${fmt.number(f.secretariesPolice)}/${fmt.number(f.partyCells)}`}
        detail={t("figures.secretariesPoliceHint")}
        change={c(f.secretariesPolice, p?.secretariesPolice)}
      />
      <Card {...common} id="executive" label={t("figures.executive")} value={fmt.number(f.executiveMembers)} detail={t("figures.membersHint")} change={c(f.executiveMembers, p?.executiveMembers)} />
      <Card {...common} id="standing" label={t("figures.standing")} value={fmt.number(f.standingMembers)} detail={t("figures.membersHint")} change={c(f.standingMembers, p?.standingMembers)} />
    </dl>
  );
}
