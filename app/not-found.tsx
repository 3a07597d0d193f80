import Link from "next/link";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">404</p>
      <h1 className="mt-2 text-xl font-semibold" data-testid="not-found">{t("notFound.title")}</h1>
      <p className="mt-2 text-stone-600">{t("notFound.body")}</p>
      <Link href="/" className="mt-6 inline-block rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
        {t("notFound.back")}
      </Link>
    </main>
  );
}
