import { z } from "zod";

/** A calendar date as "YYYY-MM-DD". Dates in this app are days, never instants. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): value is IsoDate {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export const IsoDateSchema = z
  .string()
  .trim()
  .refine(isValidIsoDate, { message: "Ngày không hợp lệ (định dạng YYYY-MM-DD)" })
  .transform((v) => v as IsoDate);

/** The police work on Vietnam time: "today" is the date in Asia/Ho_Chi_Minh. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
  return parts as IsoDate;
}

/** dd/mm/yyyy, the way Vietnamese documents write dates. */
export function formatDateVi(date: IsoDate | string): string {
  const m = ISO.exec(date);
  if (!m) return date;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10) as IsoDate;
}

/** The same day `months` months earlier or later, clamped to the month's last day (31/03 − 1 month = 28/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10) as IsoDate;
}

/** A JS Date from Prisma's @db.Date (UTC midnight) to an IsoDate. */
export function toIsoDate(value: Date): IsoDate {
  return value.toISOString().slice(0, 10) as IsoDate;
}

/** Accepts "YYYY-MM-DD" or the Vietnamese "dd/mm/yyyy" (also d/m/yyyy); null when not a real date. */
export function parseDateInput(raw: string): IsoDate | null {
  const v = raw.trim();
  if (isValidIsoDate(v)) return v;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

/**
 * Parses an optional "asOf" query parameter. Missing means today; invalid falls back to today and says so;
 * `canonical` is false when the value was valid but not written as YYYY-MM-DD (the page then redirects).
 */
export function parseAsOf(
  value: string | string[] | undefined,
  today: IsoDate = todayInVietnam(),
): { asOf: IsoDate; invalid: boolean; canonical: boolean; raw: string } {
  const raw = (Array.isArray(value) ? value[0] : value) ?? "";
  if (raw === "") return { asOf: today, invalid: false, canonical: true, raw };
  const parsed = parseDateInput(raw);
  if (!parsed) return { asOf: today, invalid: true, canonical: true, raw };
  return { asOf: parsed, invalid: false, canonical: parsed === raw, raw };
}
