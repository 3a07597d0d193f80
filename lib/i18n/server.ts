import "server-only";
import { cookies } from "next/headers";
import type { IsoDate } from "@/lib/dates";
import { isTwoLevelMapOn } from "@/lib/units/queries";
import { DEFAULT_LOCALE, i18nFor, isLocale, LOCALE_COOKIE, withVocabulary, type I18n } from "./index";

/** The reader's language: the `locale` cookie, Vietnamese by default. */
export async function getI18n(): Promise<I18n> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return i18nFor(isLocale(value) ? value : DEFAULT_LOCALE);
}

/** The reader's language, worded for the administrative map in force on `asOf` (xã, thị trấn before the 2025 reform; đơn vị cấp xã after it). */
export async function getI18nOn(asOf: IsoDate): Promise<I18n> {
  const [i18n, twoLevel] = await Promise.all([getI18n(), isTwoLevelMapOn(asOf)]);
  return withVocabulary(i18n, twoLevel ? "twoLevel" : "threeLevel");
}
