import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { EditUserForm, UserSecurityActions } from "@/components/users/user-forms";
import { requireViewer } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n";
import { getI18n } from "@/lib/i18n/server";
import { getManagedUser } from "@/lib/users/queries";
import { assignableRoles, canManageUsers } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("users.heading") };
}

type PageProps = { params: Promise<{ id: string }> };

/** One account the viewer manages: details, role and unit, security actions and its history. 404 outside the reach. */
export default async function UserPage({ params }: PageProps) {
  const [viewer, i18n, { id }] = await Promise.all([requireViewer(), getI18n(), params]);
  if (!canManageUsers(viewer) || !/^\d{1,9}$/.test(id)) notFound();
  const { user, unitCode, endedUnit, events, lastSignIn } = await getManagedUser(viewer, Number(id));
  const { t, fmt } = i18n;
  const self = user.id === viewer.id;
  const actionLabel = (a: string) => {
    const key = `account.action.${a}` as MessageKey;
    return t(key) === key ? a : t(key);
  };
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href="/users" className="text-sm text-brand-700 hover:underline">{t("user.back")}</Link>
      <div>
        <h1 className="text-2xl font-semibold">{user.displayName}</h1>
        <p className="text-sm text-stone-600" data-testid="user-summary">
          {user.username} · {t(`role.${user.role}`)} ·{" "}
          {user.disabled ? t("users.status.disabled") : user.mustChangePassword ? t("users.status.mustChange") : t("users.status.active")} ·{" "}
          {t("users.col.totp")}: {user.totpEnabledAt ? t("users.totpOn") : t("users.totpOff")} · {t("users.col.lastSignIn")}: {lastSignIn ? fmt.dateTime(lastSignIn) : t("users.never")}
        </p>
      </div>
      {self && <p className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("user.self")}</p>}

      <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="edit-heading">
        <h2 id="edit-heading" className="text-lg font-semibold">{t("user.edit.heading")}</h2>
        {endedUnit && (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="user-unit-ended">
            {t("user.unitEnded", { code: endedUnit.code, date: fmt.date(endedUnit.on) })}
          </p>
        )}
        <EditUserForm locale={i18n.locale} roles={assignableRoles(viewer)} user={{ id: user.id, displayName: user.displayName, role: user.role, unitCode }} />
      </section>

      {!self && (
        <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="security-heading">
          <h2 id="security-heading" className="text-lg font-semibold">{t("user.actions.heading")}</h2>
          <UserSecurityActions locale={i18n.locale} user={{ id: user.id, username: user.username, disabled: user.disabled, totp: Boolean(user.totpEnabledAt) }} />
        </section>
      )}

      <section className="space-y-3" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">{t("user.history")}</h2>
        {events.length === 0 ? (
          <p className="text-sm text-stone-600">{t("user.history.none")}</p>
        ) : (
          <DataTable testId="user-history" columns={[{ label: t("user.history.at") }, { label: t("user.history.action") }, { label: t("user.history.by") }]}>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{fmt.dateTime(e.at)}</td>
                <td className="px-3 py-2">{actionLabel(e.action)}</td>
                <td className="px-3 py-2">{e.user?.username ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
