import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, i18nFor, isLocale, LOCALE_COOKIE, type I18n } from "./index";

/** The reader's language: the `locale` cookie, Vietnamese by default. */
export async function getI18n(): Promise<I18n> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return i18nFor(isLocale(value) ? value : DEFAULT_LOCALE);
}
