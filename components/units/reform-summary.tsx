import type { I18n } from "@/lib/i18n";
import type { ReformSummary } from "@/lib/units/reform";

type T = I18n["t"];
type F = I18n["fmt"];

/** What a reform does (or would do), as recorded in its summary: also used by the page's list of recorded reforms. */
export function SummaryTable({ summary: s, t, fmt, compact = false }: { summary: ReformSummary; t: T; fmt: F; compact?: boolean }) {
  const rows: [string, string, boolean][] = [
    [t("reformRecord.row.provinces"), t("reformRecord.endedContinuedStarted", { ended: fmt.number(s.provinces.ended), continued: fmt.number(s.provinces.continued), started: fmt.number(s.provinces.started) }), s.provinces.ended + s.provinces.continued + s.provinces.started > 0],
    [t("reformRecord.row.districts"), t("reformRecord.ended", { n: fmt.number(s.districtsEnded) }), s.districtsEnded > 0],
    [t("reformRecord.row.communes"), t("reformRecord.endedContinuedStarted", { ended: fmt.number(s.communes.ended), continued: fmt.number(s.communes.continued), started: fmt.number(s.communes.started) }), true],
    [t("reformRecord.row.officers"), t("reformRecord.officers", { carried: fmt.number(s.assignments.carried), moved: fmt.number(s.assignments.moved), review: fmt.number(s.assignments.toReview) }), true],
    [t("reformRecord.row.party"), t("reformRecord.party", { carried: fmt.number(s.memberships.carried + s.memberships.moved), cells: fmt.number(s.cellLinks) }), true],
    [
      t("reformRecord.row.records"),
      t("reformRecord.records", {
        returns: fmt.number(s.records.returns.moved),
        merged: fmt.number(s.records.returns.merged),
        facilities: fmt.number(s.records.facilities.ended),
        assessments: fmt.number(s.records.facilities.moved + s.records.assessments.moved),
        left: fmt.number(s.records.facilities.left + s.records.assessments.left),
      }),
      s.records.returns.moved + s.records.returns.merged + s.records.facilities.ended + s.records.facilities.moved + s.records.assessments.moved + s.records.facilities.left + s.records.assessments.left > 0,
    ],
    [t("reformRecord.row.settings"), fmt.number(s.settings), s.settings > 0],
    [t("reformRecord.row.users"), fmt.number(s.usersOutOfScope), true],
  ];
  return (
    <table className={`text-sm ${compact ? "" : "rounded border border-stone-200 bg-white"}`} data-testid="reform-summary">
      <tbody className="divide-y divide-stone-100 tabular-nums">
        {rows.filter(([, , shown]) => shown || !compact).map(([label, value]) => (
          <tr key={label}>
            <th scope="row" className={`${compact ? "py-0.5 pr-3" : "px-3 py-1.5"} text-left font-medium text-stone-700`}>{label}</th>
            <td className={compact ? "py-0.5" : "px-3 py-1.5"}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
