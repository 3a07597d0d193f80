"use client";
import { useState } from "react";
import { i18nFor, type Locale } from "@/lib/i18n";
import type { CellImportReport } from "@/lib/import/cells";
import type { ReturnImportReport } from "@/lib/import/returns";
import { readNdjson } from "@/lib/ndjson";
import type { ImportReport as RosterReport } from "@/lib/import/run";

type ImportReport = RosterReport | CellImportReport | ReturnImportReport;

type State = { phase: "idle" | "checking" | "checked" | "committing" | "done"; report?: ImportReport; error?: string; progress?: { done: number; total: number } };
const SHOWN_ERRORS = 200;

/** Upload → dry run (report and every row error) → confirm → commit. The file stays in the browser between the two. */
export function ImportForm({ locale }: { locale: Locale }) {
  const { t, fmt } = i18nFor(locale);
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  async function send(commit: boolean) {
    if (!file) return;
    setState({ phase: commit ? "committing" : "checking", report: state.report });
    const body = new FormData();
    body.set("file", file);
    if (commit) body.set("commit", "1");
    try {
      const res = await fetch("/api/import", { method: "POST", body });
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => ({}))) as { error?: string };
        setState({ phase: "idle", error: json.error ?? res.statusText });
        return;
      }
      // progress lines, then the report
      let last: { report?: ImportReport; error?: string } = {};
      await readNdjson<{ progress?: number; total?: number; report?: ImportReport; error?: string }>(res.body, (msg) => {
        if (msg.progress !== undefined) setState((s) => ({ ...s, progress: { done: msg.progress!, total: msg.total! } }));
        else last = msg;
      });
      if (last.error || !last.report) setState({ phase: "idle", error: last.error ?? "Không nhận được kết quả." });
      else if (last.report.fileError) setState({ phase: "idle", error: last.report.fileError });
      else setState({ phase: last.report.committed ? "done" : "checked", report: last.report });
    } catch {
      setState({ phase: "idle", error: "Không gửi được tệp; kiểm tra kết nối rồi thử lại." });
    }
  }

  const r = state.report;
  const busy = state.phase === "checking" || state.phase === "committing";
  const done = state.phase === "done";
  return (
    <div className="space-y-4">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
        className="flex flex-wrap items-end gap-3"
        data-testid="import-form"
      >
        <div>
          <label htmlFor="roster-file" className="block text-sm font-medium text-stone-700">{t("import.file")}</label>
          <input
            id="roster-file"
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ phase: "idle" });
            }}
            className="mt-1 block text-sm file:mr-3 file:rounded file:border-0 file:bg-stone-200 file:px-3 file:py-1.5"
          />
        </div>
        <button type="submit" disabled={!file || busy} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50">
          {state.phase === "checking" ? t("import.checking") : t("import.check")}
        </button>
      </form>
      {busy && state.progress && (
        <div className="space-y-1" data-testid="import-progress">
          <progress value={state.progress.done} max={state.progress.total} className="h-2 w-full max-w-md" />
          <p className="text-xs text-stone-600">{t("import.progress", { done: fmt.number(state.progress.done), total: fmt.number(state.progress.total) })}</p>
        </div>
      )}
      <div aria-live="polite" data-testid="import-result" className="space-y-3">
        {state.error && <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.error}</p>}
        {r && (
          <>
            <p className="text-sm">{t("import.summary", { rows: fmt.number(r.totalRows) })}</p>
            <table className="text-sm" data-testid="import-summary">
              <thead>
                <tr className="text-left text-xs uppercase text-stone-500">
                  <th className="pr-6" />
                  <th className="pr-6">{done ? t("import.created") : t("import.wouldCreate")}</th>
                  <th className="pr-6">{done ? t("import.updated") : t("import.wouldUpdate")}</th>
                  <th>{t("import.unchanged")}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {(r.kind === "cells"
                  ? ([["import.cells", r.cells], ["import.secretaries", r.secretaries]] as const)
                  : r.kind === "returns"
                    ? ([["import.returns", r.returns]] as const)
                    : ([["import.officers", r.officers], ["import.assignments", r.assignments]] as const)
                ).map(([label, c]) => (
                  <tr key={label}>
                    <th scope="row" className="pr-6 text-left font-medium">{t(label)}</th>
                    <td className="pr-6">{fmt.number(c.created)}</td>
                    <td className="pr-6">{fmt.number(c.updated)}</td>
                    <td>{fmt.number(c.unchanged)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.errors.length > 0 ? (
              <div className="space-y-2">
                <p className="font-medium text-red-800" data-testid="import-errors-heading">{t("import.errorsHeading", { n: fmt.number(r.errors.length) })}</p>
                <div className="max-h-96 overflow-auto rounded border border-red-200 bg-white">
                  <table className="min-w-full text-sm" data-testid="import-errors">
                    <thead className="sticky top-0 bg-red-50 text-xs uppercase text-red-900">
                      <tr>
                        <th className="px-3 py-1.5 text-left">{t("import.row")}</th>
                        <th className="px-3 py-1.5 text-left">{t("import.column")}</th>
                        <th className="px-3 py-1.5 text-left">{t("import.reason")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-red-100">
                      {r.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                        <tr key={i}>
                          <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
                          <td className="px-3 py-1.5">{e.column}</td>
                          <td className="px-3 py-1.5">{e.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {r.errors.length > SHOWN_ERRORS && <p className="text-sm text-stone-600">{t("import.moreErrors", { n: r.errors.length - SHOWN_ERRORS })}</p>}
              </div>
            ) : done ? (
              <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="import-done">
                {t("import.done")}{" "}
                <a href={`/audit?importId=${r.importId}`} className="font-medium underline">{t("import.seeAudit")}</a>
              </p>
            ) : (
              <div className="space-y-2">
                <p className="text-sm text-green-900">{t("import.ready")}</p>
                <button type="button" onClick={() => void send(true)} disabled={busy}
                  className="rounded bg-accent-500 px-4 py-2 text-sm font-semibold text-brand-900 hover:bg-accent-400 disabled:opacity-50">
                  {state.phase === "committing" ? t("import.committing") : t("import.commit")}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
