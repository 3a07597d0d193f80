import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { requireViewer } from "@/lib/auth/session";
import { AUDIT_ENTITIES, AUDIT_PAGE_SIZE, AuditFilterSchema, changedFields, listAudit } from "@/lib/audit/queries";
import { formatDateVi } from "@/lib/dates";
import type { MessageKey } from "@/lib/i18n";
import { getI18n } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Nhật ký thay đổi" };

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function show(v: unknown, t: (k: MessageKey) => string): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? t("officer.yes") : t("officer.no");
  if (typeof v === "string" && /^[A-Z_]+$/.test(v)) {
    for (const prefix of ["rank", "post", "endReason", "officer.gender"]) {
      const key = `${prefix}.${v}` as MessageKey;
      if (t(key) !== key) return t(key);
    }
  }
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(v)) return formatDateVi(v.slice(0, 10));
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Who changed what and when, within the viewer's scope; filterable and paginated. Read-only by design. */
export default async function AuditPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  const { t } = i18n;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const f = AuditFilterSchema.parse(raw);
  const { rows, hasMore } = await listAudit(viewer, f);
  const page = f.page ?? 1;
  const link = (p: number) => `/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v) as [string, string][]), page: String(p) })}`;
  const fieldLabel = (f: string) => {
    const key = `field.${f}` as MessageKey;
    return t(key) === key ? f : t(key);
  };
  const input = "mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("audit.heading")}</h1>
        <p className="text-sm text-stone-600">{t("audit.intro")}</p>
      </div>
      <form method="get" className="grid gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="audit-filter">
        {f.officer && <input type="hidden" name="officer" value={f.officer} />}
        {f.importId && <input type="hidden" name="importId" value={f.importId} />}
        <label className="text-xs font-medium text-stone-600">{t("audit.filterEntity")}
          <select name="entity" defaultValue={f.entity ?? ""} className={input}>
            <option value="">—</option>
            {AUDIT_ENTITIES.map((e) => <option key={e} value={e}>{t(`entity.${e}`)}</option>)}
          </select>
        </label>
        <label className="text-xs font-medium text-stone-600">{t("audit.filterUnit")}
          <input name="unit" defaultValue={f.unit ?? ""} inputMode="numeric" className={input} />
        </label>
        <label className="text-xs font-medium text-stone-600">{t("audit.filterUser")}
          <input name="user" defaultValue={f.user ?? ""} className={input} />
        </label>
        <label className="text-xs font-medium text-stone-600">{t("audit.filterFrom")}
          <input name="from" defaultValue={f.from ? formatDateVi(f.from) : ""} placeholder="dd/mm/yyyy" className={input} />
        </label>
        <label className="text-xs font-medium text-stone-600">{t("audit.filterTo")}
          <input name="to" defaultValue={f.to ? formatDateVi(f.to) : ""} placeholder="dd/mm/yyyy" className={input} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">{t("audit.apply")}</button>
          <Link href="/audit" className="px-2 py-1.5 text-sm text-brand-700 hover:underline">{t("audit.reset")}</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600">{t("audit.empty")}</p>
      ) : (
        <DataTable testId="audit-table" columns={(["audit.at", "audit.user", "audit.unit", "audit.entity", "audit.action", "audit.changes"] as MessageKey[]).map((k) => ({ label: t(k) }))}>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{i18n.fmt.dateTime(r.at)}</td>
                  <td className="px-3 py-2">{r.displayName ? `${r.displayName} (${r.username})` : t("audit.system")}</td>
                  <td className="px-3 py-2">{r.unitName ?? r.unitCode ?? "—"}</td>
                  <td className="px-3 py-2">
                    {t(`entity.${r.entity as "officer"}`)} #{r.entityId}
                    {r.importId && <span className="block text-xs text-stone-500">{t("audit.import", { id: r.importId })}</span>}
                  </td>
                  <td className="px-3 py-2">{t(`action.${r.action as "create"}`)}</td>
                  <td className="px-3 py-2">
                    <ul className="space-y-0.5">
                      {changedFields(r.before, r.after).slice(0, 12).map((c) => (
                        <li key={c.field}>
                          <span className="text-xs text-stone-500">{fieldLabel(c.field)}</span>: {show(c.from, t)} → <strong>{show(c.to, t)}</strong>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
      )}
      <nav className="flex gap-3 text-sm" aria-label="pagination">
        {page > 1 && <Link href={link(page - 1)} className="text-brand-700 hover:underline">← {t("audit.prev")}</Link>}
        {hasMore && <Link href={link(page + 1)} className="text-brand-700 hover:underline">{t("audit.next")} →</Link>}
        {rows.length > 0 && (
          <span className="text-stone-500">
            {(page - 1) * AUDIT_PAGE_SIZE + 1}–{(page - 1) * AUDIT_PAGE_SIZE + rows.length}
          </span>
        )}
      </nav>
    </div>
  );
}
