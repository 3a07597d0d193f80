import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SignOutEverywhereButton } from "@/components/accounts/account-forms";
import { CreateTokenForm, RevokeTokenForm } from "@/components/tokens/token-forms";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listTokens } from "@/lib/tokens/service";
import { findUnitById } from "@/lib/units/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("profile.heading") };
}

/** The signed-in user's account and personal API tokens (created, listed and revoked here only). */
export default async function ProfilePage() {
  const [viewer, i18n, h] = await Promise.all([requireViewer(), getI18n(), headers()]);
  const { t, fmt } = i18n;
  const [tokens, unit, account] = await Promise.all([
    listTokens(viewer),
    viewer.unitId !== null ? findUnitById(viewer.unitId, todayInVietnam()) : Promise.resolve(null),
    getDb().user.findUnique({ where: { id: viewer.id }, select: { passwordChangedAt: true, totpEnabledAt: true } }),
  ]);
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const now = new Date();
  const status = (tk: (typeof tokens)[number]) => (tk.revokedAt ? "revoked" : tk.expiresAt && tk.expiresAt <= now ? "expired" : "active");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold text-stone-900">{t("profile.heading")}</h1>
      <dl className="grid gap-x-6 gap-y-2 rounded border border-stone-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]" data-testid="profile">
        <dt className="text-stone-500">{t("profile.username")}</dt>
        <dd className="font-medium">{viewer.username}</dd>
        <dt className="text-stone-500">{t("profile.role")}</dt>
        <dd>{t(`role.${viewer.role}`)}</dd>
        <dt className="text-stone-500">{t("profile.unit")}</dt>
        <dd>
          {unit ? `${unit.name} (${unit.code})` : t("profile.national")}
          {unit && !unit.existedOnAsOf && unit.validTo && <span className="text-amber-800"> · {t("users.unitEnded.on", { date: i18n.fmt.date(unit.validTo) })}</span>}
        </dd>
      </dl>

      <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="security-heading">
        <h2 id="security-heading" className="text-lg font-semibold">{t("profile.security")}</h2>
        <p className="text-sm text-stone-700">
          {t("profile.passwordChangedAt")}: {account?.passwordChangedAt ? fmt.dateTime(account.passwordChangedAt) : t("profile.never")}
          {" · "}
          <Link href="/profile/password" className="font-medium text-brand-700 hover:underline">{t("password.heading")}</Link>
        </p>
        <p className="text-sm text-stone-700" data-testid="profile-totp">
          {t("totp.heading")}: {account?.totpEnabledAt ? t("users.totpOn") : t("users.totpOff")}
          {" · "}
          <Link href="/profile/two-factor" className="font-medium text-brand-700 hover:underline">{t("profile.totpManage")}</Link>
        </p>
        <p className="text-sm text-stone-600">{t("profile.signOutEverywhereHint")}</p>
        <SignOutEverywhereButton locale={i18n.locale} />
      </section>

      <section className="space-y-3 rounded border border-stone-200 bg-white p-4" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-lg font-semibold">{t("tokens.heading")}</h2>
        <p className="text-sm text-stone-700">{t("tokens.intro")}</p>
        <CreateTokenForm locale={i18n.locale} origin={origin} />
        {tokens.length === 0 ? (
          <p className="text-sm text-stone-600">{t("tokens.empty")}</p>
        ) : (
          <DataTable
            testId="token-table"
            columns={(["tokens.col.name", "tokens.col.prefix", "tokens.col.created", "tokens.col.expires", "tokens.col.lastUsed", "tokens.col.status"] as const)
              .map((k) => ({ label: t(k) }))
              .concat([{ label: "" }])}
          >
            {tokens.map((tk) => {
              const s = status(tk);
              return (
                <tr key={tk.id} className={s === "active" ? "" : "text-stone-500"}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{tk.name}</th>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{tk.prefix}…</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{fmt.dateTime(tk.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{tk.expiresAt ? fmt.dateTime(tk.expiresAt) : t("tokens.noExpiry")}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{tk.lastUsedAt ? fmt.dateTime(tk.lastUsedAt) : t("tokens.notUsed")}</td>
                  <td className="whitespace-nowrap px-3 py-2">{t(`tokens.status.${s}`)}{tk.revokedAt && ` (${fmt.dateTime(tk.revokedAt)})`}</td>
                  <td className="px-3 py-2">{s === "active" && <RevokeTokenForm locale={i18n.locale} tokenId={tk.id} name={tk.name} />}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </div>
  );
}
