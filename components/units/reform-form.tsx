"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { i18nFor, type Locale } from "@/lib/i18n";
import { readNdjson } from "@/lib/ndjson";
import type { ReformRun } from "@/lib/units/reform-record";
import { REFORM_FILE_FIELDS, type ReformFileField } from "@/lib/units/reform-schemas";
import { SummaryTable } from "./reform-summary";

type Phase = "idle" | "checking" | "checked" | "committing" | "done";
type Failure = { error: string; problems?: string[]; fieldErrors?: Record<string, string[]> };
type State = { phase: Phase; run?: ReformRun; failure?: Failure; step?: string };
const STEPS = ["check", "units", "assignments", "party", "records", "settings", "commit"] as const;

/**
 * Record a reform of the map: name, date, the bundled files or three uploaded CSVs → dry run (what it would do,
 * or every reason it cannot) → record. The form's values stay in the browser between the two.
 */
export function ReformForm({ locale, defaults }: { locale: Locale; defaults: { name: string; effectiveOn: string; bundled: string } }) {
  const { t, fmt } = i18nFor(locale);
  const router = useRouter();
  const [source, setSource] = useState<"bundled" | "upload">("bundled");
  const [name, setName] = useState(defaults.name);
  const [date, setDate] = useState(defaults.effectiveOn);
  const [files, setFiles] = useState<Partial<Record<ReformFileField, File>>>({});
  const [state, setState] = useState<State>({ phase: "idle" });
  const reset = () => setState({ phase: "idle" });

  async function send(commit: boolean) {
    setState((s) => ({ phase: commit ? "committing" : "checking", run: s.run }));
    const body = new FormData();
    body.set("name", name);
    body.set("effectiveOn", date);
    body.set("source", source);
    if (commit) body.set("commit", "1");
    if (source === "upload") for (const k of REFORM_FILE_FIELDS) if (files[k]) body.set(k, files[k]);
    try {
      const res = await fetch("/api/reforms", { method: "POST", body });
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => ({}))) as Partial<Failure>;
        setState({ phase: "idle", failure: { error: json.error ?? res.statusText, problems: json.problems, fieldErrors: json.fieldErrors } });
        return;
      }
      let last: { result?: ReformRun } & Partial<Failure> = {};
      await readNdjson<{ step?: string; result?: ReformRun } & Partial<Failure>>(res.body, (msg) => {
        if (msg.step) setState((s) => ({ ...s, step: msg.step }));
        else last = msg;
      });
      if (!last.result) setState({ phase: "idle", failure: { error: last.error ?? t("reformRecord.noAnswer"), problems: last.problems } });
      else {
        setState({ phase: last.result.status === "checked" ? "checked" : "done", run: last.result });
        if (last.result.status === "applied") router.refresh();
      }
    } catch {
      setState({ phase: "idle", failure: { error: t("reformRecord.network") } });
    }
  }

  const busy = state.phase === "checking" || state.phase === "committing";
  const run = state.run;
  const fieldError = (k: string) => state.failure?.fieldErrors?.[k]?.[0];
  const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm aria-[invalid=true]:border-red-600";
  return (
    <div className="space-y-4">
      <form
        data-testid="reform-form"
        className="grid max-w-3xl gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
      >
        <div className="grid gap-4 sm:grid-cols-[1fr_16rem]">
          <div>
            <label htmlFor="reform-name" className="block text-sm font-medium text-stone-700">{t("reformRecord.name")}</label>
            <input id="reform-name" name="name" value={name} maxLength={80} onChange={(e) => { setName(e.target.value); reset(); }} aria-invalid={fieldError("name") ? true : undefined} className={input} />
            <p className="mt-1 min-h-4 text-xs text-red-700">{fieldError("name")}</p>
          </div>
          <div>
            <label htmlFor="reform-date" className="block text-sm font-medium text-stone-700">
              {t("reformRecord.effectiveOn")} <span className="font-normal text-stone-500">({t("form.dateHint")})</span>
            </label>
            <input id="reform-date" name="effectiveOn" value={date} inputMode="numeric" onChange={(e) => { setDate(e.target.value); reset(); }} aria-invalid={fieldError("effectiveOn") ? true : undefined} className={input} />
            <p className="mt-1 min-h-4 text-xs text-red-700">{fieldError("effectiveOn")}</p>
          </div>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-700">{t("reformRecord.source")}</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="source" value="bundled" checked={source === "bundled"} onChange={() => { setSource("bundled"); reset(); }} className="mt-1" />
            <span>{t("reformRecord.bundled")}<span className="block text-xs text-stone-500">{defaults.bundled}</span></span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="source" value="upload" checked={source === "upload"} onChange={() => { setSource("upload"); reset(); }} className="mt-1" />
            <span>{t("reformRecord.upload")}<span className="block text-xs text-stone-500">{t("reformRecord.uploadHint")}</span></span>
          </label>
          {source === "upload" && (
            <div className="grid gap-3 pl-6 sm:grid-cols-3">
              {REFORM_FILE_FIELDS.map((k) => (
                <div key={k}>
                  <label htmlFor={`reform-file-${k}`} className="block text-xs font-medium text-stone-700">{t(`reformRecord.file.${k}`)}</label>
                  <input
                    id={`reform-file-${k}`}
                    type="file"
                    accept=".csv,text/csv"
                    aria-invalid={fieldError(k) ? true : undefined}
                    onChange={(e) => {
                      const f = e.target.files?.[0];
                      setFiles((prev) => ({ ...prev, [k]: f }));
                      reset();
                    }}
                    className="mt-1 block w-full text-xs file:mr-2 file:rounded file:border-0 file:bg-stone-200 file:px-2 file:py-1"
                  />
                  <p className="mt-1 min-h-4 text-xs text-red-700">{fieldError(k)}</p>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <div>
          <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50">
            {state.phase === "checking" ? t("reformRecord.checking") : t("reformRecord.check")}
          </button>
        </div>
      </form>

      <div aria-live="polite" data-testid="reform-result" className="space-y-3">
        {busy && (
          <p className="text-sm text-stone-600" data-testid="reform-progress">
            {t("reformRecord.running")} {state.step && STEPS.includes(state.step as (typeof STEPS)[number]) ? `${t(`reformRecord.step.${state.step as (typeof STEPS)[number]}`)}…` : ""}
          </p>
        )}
        {state.failure && (
          <div className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="reform-error">
            <p className="font-medium">{state.failure.error}</p>
            {state.failure.problems && (
              <ul className="mt-1 max-h-80 list-inside list-disc overflow-auto">
                {state.failure.problems.slice(0, 200).map((p, i) => <li key={i}>{p}</li>)}
                {state.failure.problems.length > 200 && <li>{t("reformRecord.moreProblems", { n: fmt.number(state.failure.problems.length - 200) })}</li>}
              </ul>
            )}
          </div>
        )}
        {run && (
          <>
            <p className={`rounded border px-3 py-2 text-sm ${run.status === "checked" ? "border-stone-300 bg-white" : "border-green-300 bg-green-50 text-green-900"}`} data-testid="reform-status">
              {t(`reformRecord.status.${run.status}`, { name: run.name, date: fmt.date(run.effectiveOn) })}
            </p>
            <SummaryTable summary={run.summary} t={t} fmt={fmt} />
            {run.status === "checked" && (
              <div className="space-y-2">
                <p className="max-w-3xl text-sm text-stone-700">{t("reformRecord.confirmText", { date: fmt.date(run.effectiveOn) })}</p>
                <button type="button" onClick={() => void send(true)} disabled={busy} data-testid="reform-commit"
                  className="rounded bg-accent-500 px-4 py-2 text-sm font-semibold text-brand-900 hover:bg-accent-400 disabled:opacity-50">
                  {state.phase === "committing" ? t("reformRecord.committing") : t("reformRecord.commit")}
                </button>
              </div>
            )}
            {run.status === "applied" && run.summary.assignments.toReview > 0 && (
              <p className="text-sm"><Link href="/reform" className="font-medium text-brand-700 underline">{t("reformRecord.toPlacements", { n: fmt.number(run.summary.assignments.toReview) })}</Link></p>
            )}
            {run.status !== "checked" && run.summary.usersOutOfScope > 0 && (
              <p className="text-sm"><Link href="/users?status=unitEnded" className="font-medium text-brand-700 underline">{t("reformRecord.toUsers", { n: fmt.number(run.summary.usersOutOfScope) })}</Link></p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
