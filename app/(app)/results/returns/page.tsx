import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/results/status-badge";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/session";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { todayInVietnam, type IsoDate } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { addMonth, formatMonth, lastDay, monthOf, parseMonth, RETURN_STATUSES, type ReturnStatusName } from "@/lib/results/indicators";
import { listMonthReturns } from "@/lib/results/queries";
import { dueDateOf } from "@/lib/results/queries";
import { getCoverage } from "@/lib/coverage/queries";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("returns.heading") };
}

/** Every in-programme commune of a district or province in a month, with its return's status. */
export default async function ReturnsPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { t, fmt } = i18n;
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]) ?? "";
  const month = parseMonth(one("month")) ?? addMonth(monthOf(todayInVietnam()), -1);
  const end = lastDay(month) as IsoDate;
  const status = (RETURN_STATUSES as readonly string[]).includes(one("status")) || one("status") === "NONE" ? (one("status") as ReturnStatusName | "NONE") : null;
  const unit = await resolveUnitParam(viewer, /^\d{2,5}$/.test(one("unit")) ? one("unit") : undefined, end);
  if (unit === "notFound") notFound();
  const scope = unit?.name ?? t("scope.national");
  const base = (extra: Record<string, string>) => `/results/returns?${new URLSearchParams({ month, ...(unit ? { unit: unit.code } : {}), ...extra })}`;

  // the whole country is too many communes for one list: pick a province first
  const provinces = unit === null ? (await getCoverage(viewer, null, end)).children : [];
  const rows = unit === null ? [] : await listMonthReturns(viewer, unit.id, month);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status ?? "NONE", (counts.get(r.status ?? "NONE") ?? 0) + 1);
  const shown = status ? rows.filter((r) => (r.status ?? "NONE") === status) : rows;
  const showDistrict = unit?.level === "PROVINCE";

  return (
    <div className="space-y-5" data-testid="returns">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-stone-900">{t("returns.title", { month: formatMonth(month), scope })}</h1>
          <p className="text-sm text-stone-600">{t("return.due", { date: fmt.date(dueDateOf(month)) })}</p>
        </div>
        <form action="/results/returns" className="flex items-end gap-2 text-sm" data-no-print>
          {unit && <input type="hidden" name="unit" value={unit.code} />}
          <label className="block">
            <span className="block text-xs font-medium text-stone-600">{t("returns.month")}</span>
            <input name="month" defaultValue={formatMonth(month)} placeholder="mm/yyyy" className="mt-1 w-28 rounded border border-stone-300 px-2 py-1.5" />
          </label>
          <button className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800">{t("results.show")}</button>
        </form>
      </div>

      {unit === null ? (
        <section className="space-y-2">
          <p className="text-sm text-stone-700">{t("returns.pickProvince")}</p>
          <ul className="grid gap-1 text-sm sm:grid-cols-3 lg:grid-cols-4">
            {provinces.map((p) => (
              <li key={p.code}>
                <Link className="text-brand-800 hover:underline" href={`/results/returns?${new URLSearchParams({ month, unit: p.code })}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : rows.length === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm">{t("returns.none")}</p>
      ) : (
        <>
          <nav aria-label={t("returns.status")} className="flex flex-wrap gap-2 text-sm" data-testid="status-filter">
            <Link href={base({})} aria-current={status === null ? "page" : undefined} className={`rounded-full border px-3 py-1 ${status === null ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}>
              {t("returns.all")} ({fmt.number(rows.length)})
            </Link>
            {(["NONE", ...RETURN_STATUSES] as const).map((s) => (
              <Link key={s} href={base({ status: s })} aria-current={status === s ? "page" : undefined} className={`rounded-full border px-3 py-1 ${status === s ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}>
                {t(`returnStatus.${s}`)} ({fmt.number(counts.get(s) ?? 0)})
              </Link>
            ))}
          </nav>
          <DataTable
            testId="returns-table"
            columns={[
              ...(showDistrict ? [{ label: t("returns.district") }] : []),
              { label: t("returns.commune") },
              { label: t("returns.status") },
              { label: t("indicator.securityReports"), align: "right" as const },
              { label: t("indicator.crimeReports"), align: "right" as const },
              { label: t("indicator.chipIdApplications"), align: "right" as const },
              { label: t("returns.updated"), align: "right" as const },
              { label: "" },
            ]}
          >
            {shown.map((r) => (
              <tr key={r.communeId} data-commune={r.communeCode}>
                {showDistrict && <td className="px-3 py-2">{r.district}</td>}
                <th scope="row" className="px-3 py-2 text-left font-medium">{r.commune}</th>
                <td className="px-3 py-2"><StatusBadge i18n={i18n} status={r.status} /></td>
                <td className="px-3 py-2 text-right tabular-nums">{r.values ? fmt.number(r.values.securityReports) : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.values ? fmt.number(r.values.crimeReports) : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.values ? fmt.number(r.values.chipIdApplications) : "—"}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-stone-600">{r.updatedAt ? fmt.dateTime(r.updatedAt) : ""}</td>
                <td className="px-3 py-2">
                  <Link href={`/results/returns/${r.communeCode}?month=${month}`} className="whitespace-nowrap font-medium text-brand-800 hover:underline">
                    {r.returnId ? t("returns.open") : t("returns.enter")}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
