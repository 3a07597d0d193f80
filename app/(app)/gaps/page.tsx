import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AsOfForm } from "@/components/coverage/as-of-form";
import { Breadcrumbs } from "@/components/coverage/breadcrumbs";
import { DataTable } from "@/components/ui/data-table";
import { isNationwide } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { GAP_COLUMNS, GAP_KINDS, getGapList, GapQuerySchema, type GapQuery } from "@/lib/coverage/gaps";
import { gapCellText, gapColumnLabel } from "@/lib/coverage/gaps-format";
import { resolveGapScope } from "@/lib/coverage/scope-params";
import { parseAsOf, type IsoDate } from "@/lib/dates";
import { getI18n, getI18nOn } from "@/lib/i18n/server";
import { getUnitPath } from "@/lib/units/queries";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("gaps.heading") };
}

function href(p: { kind: string; asOf: IsoDate; unit?: string; q?: string; within?: string; sort?: string; dir?: string; page?: number }) {
  const q = new URLSearchParams({ kind: p.kind, asOf: p.asOf });
  if (p.unit) q.set("unit", p.unit);
  if (p.q) q.set("q", p.q);
  if (p.within) q.set("within", p.within);
  if (p.sort) q.set("sort", p.sort);
  if (p.dir) q.set("dir", p.dir);
  if (p.page && p.page > 1) q.set("page", String(p.page));
  return q.toString();
}

/** Gaps to act on: one list at a time, filtered, sorted, paginated, exportable to CSV; all in the URL. */
export default async function GapsPage({ searchParams }: PageProps) {
  const [viewer, sp] = await Promise.all([requireViewer(), searchParams]);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const { asOf, canonical, invalid, raw } = parseAsOf(sp.asOf);
  const i18n = await getI18nOn(asOf);
  const { t, fmt } = i18n;
  const query: GapQuery = GapQuerySchema.parse(Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, first(v)])));
  const unitParam = first(sp.unit);
  if (!canonical) redirect(`/gaps?${href({ ...query, asOf, unit: unitParam })}`);
  const scope = await resolveGapScope(viewer, unitParam, query.within, asOf);
  if (!scope) notFound();
  const { unit, children, within } = scope;
  const list = await getGapList(viewer, unit?.id ?? null, asOf, query, within?.unitId ?? null);
  const fullPath = unit ? await getUnitPath(unit.id, unit.seenOn) : [];
  const nationwide = isNationwide(viewer);
  const path = fullPath.slice(nationwide ? 0 : Math.max(0, fullPath.findIndex((u) => u.id === viewer.unitId)));
  const columns = GAP_COLUMNS[query.kind];
  const keep = { asOf, unit: unit?.code, q: query.q, within: within?.code };
  const sortHref = (key: string, dir: string) => `/gaps?${href({ ...keep, kind: query.kind, sort: key, dir })}`;
  const pageHref = (page: number) => `/gaps?${href({ ...keep, kind: query.kind, sort: list.sort.key, dir: list.sort.dir, page })}`;
  const csvHref = `/api/gaps?${href({ ...keep, kind: query.kind, sort: list.sort.key, dir: list.sort.dir })}`;
  const scopeName = unit ? unit.name : t("scope.national");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Breadcrumbs i18n={i18n} path={path} asOf={asOf} showNational={nationwide && unit !== null} />
          <h1 className="text-2xl font-semibold text-stone-900">{t("gaps.heading")}</h1>
          <p className="text-sm text-stone-600">
            {t("gaps.scope", { scope: scopeName, date: fmt.date(asOf) })}{" "}
            <Link href={unit ? `/units/${unit.code}?asOf=${asOf}` : `/?asOf=${asOf}`} className="text-brand-700 hover:underline" data-no-print>
              {t("gaps.backToDashboard")}
            </Link>
          </p>
        </div>
        <AsOfForm i18n={i18n} asOf={asOf} action="/gaps" hidden={{ kind: query.kind, unit: unit?.code, within: within?.code, q: query.q || undefined }} />
      </div>
      {invalid && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("asOf.invalid", { value: raw })}
        </p>
      )}

      <nav aria-label={t("gaps.kinds")} className="flex flex-wrap gap-2" data-no-print>
        {GAP_KINDS.map((kind) => (
          <Link
            key={kind}
            href={`/gaps?${href({ asOf, unit: unit?.code, within: within?.code, kind })}`}
            aria-current={kind === query.kind ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${kind === query.kind ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-700 hover:border-brand-600"}`}
          >
            {t(`gaps.kind.${kind}`)}
          </Link>
        ))}
      </nav>

      <form method="get" action="/gaps" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 shadow-sm" data-no-print>
        <input type="hidden" name="kind" value={query.kind} />
        <input type="hidden" name="asOf" value={asOf} />
        {unit && <input type="hidden" name="unit" value={unit.code} />}
        <div>
          <label htmlFor="gap-q" className="block text-xs font-medium text-stone-600">
            {t("gaps.filter.q")}
          </label>
          <input id="gap-q" name="q" defaultValue={query.q} placeholder={t("gaps.filter.qPlaceholder")} className="w-64 rounded border border-stone-300 px-2 py-1.5 text-sm" />
        </div>
        {children.length > 0 && unit?.level !== "DISTRICT" && (
          <div>
            <label htmlFor="gap-within" className="block text-xs font-medium text-stone-600">
              {t("gaps.filter.within")}
            </label>
            <select id="gap-within" name="within" defaultValue={within?.code ?? ""} className="w-56 rounded border border-stone-300 bg-white px-2 py-1.5 text-sm">
              <option value="">{t("gaps.filter.all")}</option>
              {children.map((c) => (
                <option key={c.unitId} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t("gaps.filter.apply")}
        </button>
        {(query.q || within) && (
          <Link href={`/gaps?${href({ kind: query.kind, asOf, unit: unit?.code })}`} className="px-2 py-1.5 text-sm text-brand-700 hover:underline">
            {t("gaps.filter.clear")}
          </Link>
        )}
      </form>

      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {t(`gaps.kind.${query.kind}`)} <span className="text-stone-500">({fmt.number(list.total)})</span>
        </h2>
        <a href={csvHref} className="rounded border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-brand-50" data-testid="gaps-csv" data-no-print>
          {t("gaps.csv")}
        </a>
      </div>
      <p className="text-sm text-stone-600">{t(`gaps.help.${query.kind}`)}</p>

      {list.rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600" data-testid="gaps-empty">
          {query.q || within ? t("gaps.emptyFiltered") : t("gaps.empty")}
        </p>
      ) : (
        <DataTable
          testId="gaps-table"
          columns={columns.map((c) => {
            const sorted = list.sort.key === c.key ? list.sort.dir : undefined;
            const next = sorted === "asc" ? "desc" : sorted === "desc" ? "asc" : c.type === "text" ? "asc" : "desc";
            const label = gapColumnLabel(c.key, i18n);
            return {
              label,
              align: c.type === "text" ? ("left" as const) : ("right" as const),
              sorted,
              sortHref: c.sortable ? sortHref(c.key, next) : undefined,
              sortLabel: t(next === "asc" ? "table.sortAsc" : "table.sortDesc", { label }),
            };
          })}
        >
          {list.rows.map((r) => (
            <tr key={String(r.id)} className="hover:bg-brand-50">
              {columns.map((c, i) => {
                const text = gapCellText(query.kind, c.key, r, i18n);
                const cls = `px-3 py-2 ${c.type === "text" ? "" : "text-right tabular-nums"}`;
                if (i === 0)
                  return (
                    <th key={c.key} scope="row" className={`${cls} text-left font-medium`}>
                      {r.href ? (
                        <Link href={r.href} className="text-brand-700 hover:underline">
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </th>
                  );
                return (
                  <td key={c.key} className={cls}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </DataTable>
      )}

      {list.pageCount > 1 && (
        <nav aria-label={t("gaps.pages")} className="flex items-center justify-between text-sm" data-no-print>
          {list.page > 1 ? (
            <Link href={pageHref(list.page - 1)} className="text-brand-700 hover:underline">
              ← {t("gaps.prev")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-stone-600" data-testid="gaps-page">
            {t("gaps.pageOf", { page: fmt.number(list.page), pages: fmt.number(list.pageCount) })}
          </span>
          {list.page < list.pageCount ? (
            <Link href={pageHref(list.page + 1)} className="text-brand-700 hover:underline">
              {t("gaps.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
