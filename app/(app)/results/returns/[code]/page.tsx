import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReasonForm, ReturnForm, StepButton } from "@/components/results/return-forms";
import { StatusBadge } from "@/components/results/status-badge";
import { requireUnitInScope } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { addMonth, formatMonth, INDICATORS, lastDay, monthOf, parseMonth } from "@/lib/results/indicators";
import { dueDateOf, getReturn } from "@/lib/results/queries";

type PageProps = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("returns.heading") };
}

const WRITERS = ["DISTRICT", "PROVINCE"];

/** A commune's return for a month: its figures, the workflow step the viewer may take, and its history. */
export default async function ReturnPage({ params, searchParams }: PageProps) {
  const [viewer, i18n, { code }, sp] = await Promise.all([requireViewer(), getI18n(), params, searchParams]);
  const { t, fmt } = i18n;
  const raw = Array.isArray(sp.month) ? sp.month[0] : sp.month;
  const month = parseMonth(raw ?? "") ?? addMonth(monthOf(todayInVietnam()), -1);
  if (!/^\d{5}$/.test(code)) notFound();
  const end = lastDay(month) as IsoDate;
  const commune = await requireUnitInScope(viewer, code, end);
  if (commune.level !== "COMMUNE") notFound();
  const ret = await getReturn(commune.id, month);
  const writer = WRITERS.includes(viewer.role);
  const editable = writer && (!ret || ret.status === "DRAFT" || ret.status === "RETURNED");
  const lastReturn = ret?.events.filter((e) => e.action === "return" || e.action === "reopen").at(-1);
  const listHref = `/results/returns?month=${month}`;

  return (
    <div className="mx-auto max-w-5xl space-y-5" data-testid="return-page">
      <Link href={listHref} className="text-sm text-brand-800 hover:underline">← {t("return.back")}</Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-stone-900">{t("return.heading", { month: formatMonth(month), commune: commune.name })}</h1>
        <div className="flex items-center gap-3 text-sm">
          <StatusBadge i18n={i18n} status={ret?.status ?? null} />
          <span className="text-stone-600">{t("return.due", { date: fmt.date(dueDateOf(month)) })}</span>
        </div>
      </div>

      {ret?.status === "APPROVED" && <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="return-locked">{t("return.locked")}</p>}
      {ret?.status === "SUBMITTED" && <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("return.waiting")}</p>}
      {ret?.status === "RETURNED" && lastReturn?.reason && (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="return-reason">{t("return.returnedBecause", { reason: lastReturn.reason })}</p>
      )}

      <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="values">
        <h2 id="values" className="font-semibold">{t("return.values")}</h2>
        {editable ? (
          <ReturnForm locale={i18n.locale} communeId={commune.id} month={month} version={ret?.version ?? null} values={ret?.values ?? null} note={ret?.note ?? null} />
        ) : ret ? (
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="return-values">
            {INDICATORS.map((i) => (
              <div key={i.key} className="flex justify-between border-b border-stone-100 py-1">
                <dt className="text-stone-600">{t(`indicator.${i.key}`)}</dt>
                <dd className="tabular-nums font-medium">{fmt.number(ret.values[i.key])}</dd>
              </div>
            ))}
            {ret.note && <div className="py-1 sm:col-span-2"><dt className="text-stone-600">{t("return.note")}</dt><dd>{ret.note}</dd></div>}
          </dl>
        ) : (
          <p className="text-sm text-stone-600">{t("return.notStarted")}</p>
        )}
        {!writer && !ret && <p className="text-xs text-stone-500">{t("return.readOnly")}</p>}
      </section>

      {ret && (
        <div className="grid gap-4 md:grid-cols-2">
          {writer && (ret.status === "DRAFT" || ret.status === "RETURNED") && <StepButton locale={i18n.locale} step="submit" returnId={ret.id} version={ret.version} />}
          {viewer.role === "PROVINCE" && ret.status === "SUBMITTED" && (
            <>
              <StepButton locale={i18n.locale} step="approve" returnId={ret.id} version={ret.version} />
              <ReasonForm locale={i18n.locale} step="return" returnId={ret.id} version={ret.version} />
            </>
          )}
          {(viewer.role === "PROVINCE" || viewer.role === "MINISTRY") && ret.status === "APPROVED" && <ReasonForm locale={i18n.locale} step="reopen" returnId={ret.id} version={ret.version} />}
        </div>
      )}

      {ret && (
        <section aria-labelledby="history" className="space-y-2">
          <h2 id="history" className="font-semibold">{t("return.history")}</h2>
          <ol className="space-y-1 text-sm" data-testid="return-history">
            {ret.events.map((e, i) => (
              <li key={i} className="flex flex-wrap gap-x-2 border-l-2 border-stone-300 pl-3">
                <span className="tabular-nums text-stone-500">{fmt.dateTime(e.at)}</span>
                <span className="font-medium">{t(`return.event.${e.action as "create"}`)}</span>
                {e.user && <span className="text-stone-600">— {e.user}</span>}
                {e.reason && <span className="w-full text-stone-700">“{e.reason}”</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
