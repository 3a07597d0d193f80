import Link from "next/link";
import { formatDateVi, type IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";

/** A plain GET form: the date lives in the URL (?asOf=YYYY-MM-DD), so every view can be bookmarked. */
export function AsOfForm({ i18n, asOf, action }: { i18n: I18n; asOf: IsoDate; action: string }) {
  const { t } = i18n;
  return (
    <form data-as-of-form method="get" action={action} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="asOf" className="block text-xs font-medium text-stone-600">
          {t("asOf.label")}
        </label>
        <input
          id="asOf"
          name="asOf"
          defaultValue={formatDateVi(asOf)}
          placeholder={t("asOf.placeholder")}
          inputMode="numeric"
          pattern="\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
          title={t("asOf.hint")}
          aria-describedby="asOf-hint"
          className="w-36 rounded border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
        />
        <span id="asOf-hint" className="sr-only">
          {t("asOf.hint")}
        </span>
      </div>
      <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t("asOf.apply")}
      </button>
      <Link href={action} className="px-2 py-1.5 text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("asOf.today")}
      </Link>
    </form>
  );
}
