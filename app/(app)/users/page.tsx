import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { TotpPolicyToggle } from "@/components/users/user-forms";
import { requireViewer } from "@/lib/auth/session";
import { toIsoDate } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { countUsersOfEndedUnits, listUsers, totpPolicies } from "@/lib/users/queries";
import { ROLES, UserListParamsSchema } from "@/lib/users/schemas";
import { assignableRoles, canManageUsers } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("users.heading") };
}

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The accounts the viewer manages (admins: all; provincial police: their districts' accounts). */
export default async function UsersPage({ searchParams }: PageProps) {
  const [viewer, i18n, sp] = await Promise.all([requireViewer(), getI18n(), searchParams]);
  if (!canManageUsers(viewer)) notFound();
  const { t, fmt } = i18n;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = UserListParamsSchema.parse(raw);
  const [users, policies, ofEndedUnits] = await Promise.all([
    listUsers(viewer, params),
    viewer.role === "ADMIN" ? totpPolicies() : Promise.resolve(null),
    countUsersOfEndedUnits(viewer),
  ]);
  const roles = viewer.role === "ADMIN" ? [...ROLES] : assignableRoles(viewer);
  const input = "mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("users.heading")}</h1>
          <p className="text-sm text-stone-600">{t(viewer.role === "ADMIN" ? "users.intro.ADMIN" : "users.intro.PROVINCE")}</p>
        </div>
        <Link href="/users/new" className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">{t("users.new")}</Link>
      </div>

      {ofEndedUnits > 0 && params.status !== "unitEnded" && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="users-unit-ended">
          {t("users.unitEnded.banner", { n: fmt.number(ofEndedUnits) })}{" "}
          <Link href="/users?status=unitEnded" className="font-medium text-brand-700 underline">{t("users.unitEnded.show")}</Link>
        </p>
      )}
      {params.status === "unitEnded" && <p className="max-w-3xl text-sm text-stone-700">{t("users.unitEnded.intro")}</p>}

      <form method="get" className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_auto]" data-testid="users-filter">
        <label className="text-xs font-medium text-stone-600">{t("users.filter.q")}
          <input name="q" defaultValue={params.q ?? ""} className={input} />
        </label>
        <label className="text-xs font-medium text-stone-600">{t("users.filter.role")}
          <select name="role" defaultValue={params.role ?? ""} className={input}>
            <option value="">—</option>
            {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <label className="text-xs font-medium text-stone-600">{t("users.filter.status")}
          <select name="status" defaultValue={params.status ?? ""} className={input}>
            <option value="">—</option>
            <option value="active">{t("users.status.active")}</option>
            <option value="disabled">{t("users.status.disabled")}</option>
            {viewer.role === "ADMIN" && <option value="unitEnded">{t("users.status.unitEnded")}</option>}
          </select>
        </label>
        <button type="submit" className="self-end rounded border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-stone-50">{t("users.filter.apply")}</button>
      </form>

      <p className="text-sm text-stone-600">{t("users.count", { n: fmt.number(users.length) })}</p>
      {users.length === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-600">{t("users.none")}</p>
      ) : (
        <DataTable testId="users-table" columns={(["users.col.username", "users.col.name", "users.col.role", "users.col.unit", "users.col.status", "users.col.totp", "users.col.lastSignIn"] as const).map((k) => ({ label: t(k) }))}>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? "text-stone-500" : ""}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/users/${u.id}`} className="text-brand-700 hover:underline">{u.username}</Link>
              </th>
              <td className="px-3 py-2">{u.displayName}</td>
              <td className="whitespace-nowrap px-3 py-2">{t(`role.${u.role}`)}</td>
              <td className="px-3 py-2">
                {u.unitName ? `${u.unitName} (${u.unitCode})` : "—"}
                {u.unitEndedOn && (
                  <div className="text-xs text-amber-800" data-testid="unit-ended">
                    {t("users.unitEnded.on", { date: fmt.date(toIsoDate(u.unitEndedOn)) })}
                    {u.unitSuccessors?.length ? ` ${t("users.unitEnded.into", { units: u.unitSuccessors.join(", ") })}` : ""}
                  </div>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {u.disabled ? t("users.status.disabled") : u.mustChangePassword ? t("users.status.mustChange") : t("users.status.active")}
              </td>
              <td className="whitespace-nowrap px-3 py-2">{u.totp ? t("users.totpOn") : t("users.totpOff")}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{u.lastSignIn ? fmt.dateTime(u.lastSignIn) : t("users.never")}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {policies && (
        <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="policy-heading" data-testid="totp-policy">
          <h2 id="policy-heading" className="text-lg font-semibold">{t("users.policy.heading")}</h2>
          <p className="text-sm text-stone-600">{t("users.policy.intro")}</p>
          <ul className="divide-y divide-stone-100">
            {ROLES.map((r) => (
              <li key={r} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span className="text-sm">
                  <span className="font-medium">{t(`role.${r}`)}</span>
                  {" — "}
                  <span className={policies[r] ? "font-medium text-green-800" : "text-stone-600"}>{policies[r] ? t("users.policy.required") : t("users.policy.optional")}</span>
                </span>
                <TotpPolicyToggle locale={i18n.locale} role={r} required={policies[r]} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
