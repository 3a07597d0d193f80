"use client";
import type { ActionResult } from "@/lib/actions/result";

const inputClass =
  "mt-1 block w-full rounded border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600";

type Common = { name: string; label: string; error?: string; hint?: string; formId: string };

function Wrapper({ name, label, error, hint, formId, children }: Common & { children: React.ReactNode }) {
  const id = `${formId}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        {label}
        {hint && <span className="ml-1 font-normal text-stone-500">({hint})</span>}
      </label>
      {children}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}

const aria = (formId: string, name: string, error?: string) => ({
  id: `${formId}-${name}`,
  name,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${formId}-${name}-error` : undefined,
});

export function TextField(props: Common & { defaultValue?: string | null; inputMode?: "numeric" | "text"; autoComplete?: string }) {
  return (
    <Wrapper {...props}>
      <input {...aria(props.formId, props.name, props.error)} defaultValue={props.defaultValue ?? ""} inputMode={props.inputMode} autoComplete={props.autoComplete ?? "off"} className={inputClass} />
    </Wrapper>
  );
}

export function SelectField(
  props: Common & { defaultValue?: string | number | null; placeholder: string; options: { value: string | number; label: string; group?: string }[] },
) {
  const groups = new Map<string, { value: string | number; label: string }[]>();
  for (const o of props.options) groups.set(o.group ?? "", [...(groups.get(o.group ?? "") ?? []), o]);
  return (
    <Wrapper {...props}>
      <select {...aria(props.formId, props.name, props.error)} defaultValue={props.defaultValue ?? ""} className={inputClass}>
        <option value="">{props.placeholder}</option>
        {[...groups].map(([group, opts]) =>
          group ? (
            <optgroup key={group} label={group}>
              {opts.map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </optgroup>
          ) : (
            opts.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))
          ),
        )}
      </select>
    </Wrapper>
  );
}

export function CheckboxField({ name, label, defaultChecked, formId }: { name: string; label: string; defaultChecked?: boolean; formId: string }) {
  return (
    <label htmlFor={`${formId}-${name}`} className="mt-6 flex items-center gap-2 text-sm font-medium text-stone-700">
      <input id={`${formId}-${name}`} name={name} type="checkbox" defaultChecked={defaultChecked} className="h-4 w-4 rounded border-stone-300 text-brand-700" />
      {label}
    </label>
  );
}

export function FormStatus({ result }: { result: ActionResult<unknown> | null }) {
  return (
    <div aria-live="polite" data-testid="form-status">
      {result && (
        <p className={`rounded px-3 py-2 text-sm ${result.ok ? "border border-green-300 bg-green-50 text-green-900" : "border border-red-200 bg-red-50 text-red-800"}`}>
          {result.ok ? (result.message ?? "OK") : result.message}
        </p>
      )}
    </div>
  );
}

export function SubmitButton({ pending, label, pendingLabel, tone = "primary" }: { pending: boolean; label: string; pendingLabel: string; tone?: "primary" | "danger" }) {
  const look = tone === "danger" ? "border border-red-700 bg-white text-red-800 hover:bg-red-50" : "bg-brand-700 text-white hover:bg-brand-800";
  return (
    <button type="submit" disabled={pending} className={`rounded px-4 py-2 text-sm font-medium disabled:opacity-60 ${look}`}>
      {pending ? pendingLabel : label}
    </button>
  );
}
