import Link from "next/link";
import { formatDateVi, type IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";

const INPUT =
  "w-32 rounded border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";
const PATTERN = "\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}";

/** A plain GET form: the dates live in the URL (?asOf=&compare=), so every view can be bookmarked and sent. */
export function AsOfForm({
  i18n,
  asOf,
  compare,
  showCompare = compare !== undefined,
  action,
  hidden = {},
}: {
  i18n: I18n;
  asOf: IsoDate;
  compare?: IsoDate;
  showCompare?: boolean;
  action: string;
  hidden?: Record<string, string | undefined>;
}) {
  const { t } = i18n;
  return (
    <form data-as-of-form method="get" action={action} className="flex flex-wrap items-end gap-2" data-no-print>
      {Object.entries(hidden).map(([name, value]) => value !== undefined && <input key={name} type="hidden" name={name} value={value} />)}
      <div>
        <label htmlFor="asOf" className="block text-xs font-medium text-stone-600">
          {t("asOf.label")}
        </label>
        <input id="asOf" name="asOf" defaultValue={formatDateVi(asOf)} placeholder={t("asOf.placeholder")} inputMode="numeric" pattern={PATTERN} title={t("asOf.hint")} aria-describedby="asOf-hint" className={INPUT} />
        <span id="asOf-hint" className="sr-only">
          {t("asOf.hint")}
        </span>
      </div>
      {showCompare && (
        <div>
          <label htmlFor="compare" className="block text-xs font-medium text-stone-600">
            {t("compare.label")}
          </label>
          <input id="compare" name="compare" defaultValue={compare ? formatDateVi(compare) : ""} placeholder={t("asOf.placeholder")} inputMode="numeric" pattern={PATTERN} title={t("asOf.hint")} className={INPUT} />
        </div>
      )}
      <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t("asOf.apply")}
      </button>
      <Link href={Object.values(hidden).some(Boolean) ? `${action}?${new URLSearchParams(Object.entries(hidden).filter((e): e is [string, string] => e[1] !== undefined)).toString()}` : action} className="px-2 py-1.5 text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("asOf.today")}
      </Link>
    </form>
  );
}
