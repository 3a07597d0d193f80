import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/session";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { dateParam, unitCodeParam } from "@/lib/reports/params";
import type { UnitOnDate } from "@/lib/units/queries";
import { addMonth, monthOf, parseMonth, type Month } from "./indicators";
import { firstProgrammeMonth } from "./queries";

// The query string of the results pages (?unit=&from=&to=&asOf=), one schema for the page and its tests.

const month = z.string().transform((v, ctx) => {
  const m = parseMonth(v);
  if (!m) ctx.addIssue({ code: "custom", message: "Tháng không hợp lệ: dùng dạng mm/yyyy." });
  return m as Month;
});

export const ResultsParamsSchema = z
  .object({ unit: unitCodeParam.optional(), from: month.optional(), to: month.optional(), asOf: dateParam("Ngày số liệu") })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: "Tháng bắt đầu phải trước tháng kết thúc.", path: ["from"] });

export type ResolvedResultsParams = { unit: UnitOnDate | null; from: Month; to: Month; asOf: IsoDate; error: string | null };

/**
 * The unit, period and date a results page shows: by default "since deployment" — from the first month with
 * a regular officer in the scope to the last month that ended before the as-of date. "notFound" outside scope.
 */
export async function resolveResultsParams(viewer: Viewer, raw: Record<string, string | undefined>): Promise<ResolvedResultsParams | "notFound"> {
  const parsed = ResultsParamsSchema.safeParse({ asOf: todayInVietnam(), ...raw });
  const p = parsed.success ? parsed.data : { asOf: todayInVietnam(), unit: raw.unit && /^\d{2,5}$/.test(raw.unit) ? raw.unit : undefined, from: undefined, to: undefined };
  const unit = await resolveUnitParam(viewer, p.unit, p.asOf);
  if (unit === "notFound") return "notFound";
  const lastEnded = addMonth(monthOf(p.asOf), -1);
  const to = p.to ?? lastEnded;
  const from = p.from ?? (await firstProgrammeMonth(unit?.id ?? null, p.asOf)) ?? addMonth(to, -11);
  return { unit, from: from > to ? to : from, to, asOf: p.asOf, error: parsed.success ? null : (parsed.error.issues[0]?.message ?? null) };
}
