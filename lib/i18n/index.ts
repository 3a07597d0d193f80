// The i18n mechanism: typed message keys (vi is the source, en must match), interpolation and
// vi-VN / en formatting of numbers, percentages and dates. Pure: usable on server and client.
import { formatDateVi } from "@/lib/dates";
import { en } from "./messages/en";
import { twoLevelEn, twoLevelVi } from "./messages/two-level";
import { vi, type MessageKey } from "./messages/vi";

export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALE_COOKIE = "locale";
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { vi, en };

/**
 * The administrative map the text speaks of: "threeLevel" (province, district, xã and thị trấn: the programme's
 * own words) or "twoLevel" (after a reform that ended the district level: province and commune-level units).
 */
export type Vocabulary = "threeLevel" | "twoLevel";
const twoLevel: Record<Locale, Partial<Record<MessageKey, string>>> = { vi: twoLevelVi, en: twoLevelEn };

export function isLocale(v: unknown): v is Locale {
  return v === "vi" || v === "en";
}

export type Translator = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale, vocabulary: Vocabulary = "threeLevel"): Translator {
  const catalog = catalogs[locale];
  const words = vocabulary === "twoLevel" ? twoLevel[locale] : {};
  return (key, vars) => {
    const text = words[key] ?? catalog[key] ?? vi[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

export type Formatter = {
  number(n: number): string;
  decimal(n: number | null): string;
  percent(n: number | null): string;
  date(d: string): string;
  /** "21/11/2026 20:35", in Vietnam's time zone */
  dateTime(d: Date): string;
  /** "86/86 (100%)" */
  ratio(part: number, whole: number, pct: number | null): string;
};

export function formatter(locale: Locale): Formatter {
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const none = "—";
  const time = new Intl.DateTimeFormat(tag, { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const f: Formatter = {
    number: (n) => int.format(n),
    decimal: (n) => (n === null ? none : dec.format(n)),
    percent: (n) => (n === null ? none : `${pct.format(n)}%`),
    date: (d) => formatDateVi(d),
    dateTime: (d) => time.format(d),
    ratio: (part, whole, p) => `${int.format(part)}/${int.format(whole)}${p === null ? "" : ` (${f.percent(p)})`}`,
  };
  return f;
}

export type I18n = { locale: Locale; t: Translator; fmt: Formatter; vocabulary?: Vocabulary };

export function i18nFor(locale: Locale, vocabulary: Vocabulary = "threeLevel"): I18n {
  return { locale, t: translator(locale, vocabulary), fmt: formatter(locale), vocabulary };
}

/** The same reader's language, worded for the map of a date (see Vocabulary). */
export function withVocabulary(i18n: I18n, vocabulary: Vocabulary): I18n {
  return (i18n.vocabulary ?? "threeLevel") === vocabulary ? i18n : i18nFor(i18n.locale, vocabulary);
}
