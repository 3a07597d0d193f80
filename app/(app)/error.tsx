"use client";
import { useSyncExternalStore } from "react";
import { i18nFor, isLocale } from "@/lib/i18n";

// Never shows the error's message or stack: only a digest the administrator can look up in the logs.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = useSyncExternalStore(
    () => () => {},
    () => document.documentElement.lang,
    () => "vi",
  );
  const { t } = i18nFor(isLocale(lang) ? lang : "vi");
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-800">{t("error.title")}</h1>
      <p className="mt-2 text-sm text-stone-700">{t("error.body")}</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-stone-500">{t("error.code", { digest: error.digest })}</p>}
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
        {t("error.retry")}
      </button>
    </div>
  );
}
