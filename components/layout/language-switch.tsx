import { setLocale } from "@/lib/i18n/actions";
import type { I18n } from "@/lib/i18n";

/** VI | EN: a form per language so it works without JavaScript. */
export function LanguageSwitch({ i18n, tone = "dark" }: { i18n: I18n; tone?: "dark" | "light" }) {
  const base = tone === "dark" ? "text-brand-100 hover:text-white" : "text-stone-600 hover:text-stone-900";
  return (
    <div className="flex items-center gap-1 text-sm" role="group" aria-label={i18n.t("nav.language")}>
      {(["vi", "en"] as const).map((locale) => (
        <form key={locale} action={setLocale}>
          <input type="hidden" name="locale" value={locale} />
          <button
            type="submit"
            aria-pressed={i18n.locale === locale}
            className={`rounded px-2 py-1 font-medium uppercase ${i18n.locale === locale ? "bg-accent-400 text-brand-900" : base}`}
          >
            {locale}
          </button>
        </form>
      ))}
    </div>
  );
}
