import type { Metadata } from "next";
import QRCode from "qrcode";
import { ConfirmTotpForm, DisableTotpForm, StartTotpButton } from "@/components/accounts/two-factor-forms";
import { pendingTotpSecret } from "@/lib/accounts/service";
import { requireViewer } from "@/lib/auth/session";
import { groupSecret, otpauthUri } from "@/lib/auth/totp";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("totp.heading") };
}

/**
 * Setting up two-factor sign-in (and switching it off). Open to a user who still owes it: when the role
 * makes it mandatory, every other page sends them here.
 */
export default async function TwoFactorPage() {
  const [viewer, i18n] = await Promise.all([requireViewer({ accountSetup: true }), getI18n()]);
  const { t, fmt } = i18n;
  const db = getDb();
  const [account, pending] = await Promise.all([
    db.user.findUnique({ where: { id: viewer.id }, select: { totpEnabledAt: true, role: true } }),
    pendingTotpSecret(viewer),
  ]);
  const policy = await db.rolePolicy.findUnique({ where: { role: viewer.role } });
  // the QR code is drawn on the server as SVG: the secret never leaves for a third-party service
  const qr = pending ? await QRCode.toString(otpauthUri(pending, viewer.username), { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold text-stone-900">{t("totp.heading")}</h1>
      {viewer.mustEnrolTotp && !viewer.mustChangePassword && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("totp.required")}</p>
      )}
      <p className="text-sm text-stone-700">{t("totp.intro")}</p>
      <section className="space-y-3 rounded border border-stone-200 bg-white p-4" data-testid="totp-status">
        {account?.totpEnabledAt ? (
          <>
            <p className="text-sm font-medium text-green-800">{t("totp.on", { date: fmt.dateTime(account.totpEnabledAt) })}</p>
            <h2 className="text-lg font-semibold">{t("totp.disableHeading")}</h2>
            {policy?.totpRequired ? <p className="text-sm text-stone-700">{t("totp.disableLocked")}</p> : <DisableTotpForm locale={i18n.locale} />}
          </>
        ) : pending && qr ? (
          <>
            <p className="text-sm font-medium">{t("totp.scan")}</p>
            <div className="flex flex-wrap items-center gap-6">
              <div className="h-48 w-48 bg-white p-1 ring-1 ring-stone-300" data-testid="totp-qr" aria-label="QR" role="img" dangerouslySetInnerHTML={{ __html: qr }} />
              <div className="text-sm">
                <p className="text-stone-500">{t("totp.secret")}</p>
                <code className="font-mono text-base tracking-wider" data-testid="totp-secret">{groupSecret(pending)}</code>
                <div className="mt-2"><StartTotpButton locale={i18n.locale} again /></div>
              </div>
            </div>
            <p className="text-sm font-medium">{t("totp.enterCode")}</p>
            <ConfirmTotpForm locale={i18n.locale} />
          </>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t("totp.off")}</p>
            <StartTotpButton locale={i18n.locale} />
          </>
        )}
      </section>
    </div>
  );
}
