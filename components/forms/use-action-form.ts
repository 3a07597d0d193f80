"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { z } from "zod";
import { fieldErrorsOf, INVALID_INPUT, type ActionResult, type FieldErrors } from "@/lib/actions/result";

/**
 * Validates with the input's zod schema in the browser, then calls the server action (which validates
 * again). Submitting through a transition, not <form action>, keeps what the user typed after an error.
 */
export function useActionForm<T>(
  action: (formData: FormData) => Promise<ActionResult<T>>,
  schema: z.ZodType,
  opts: { invalidMessage?: string; onSuccess?: (result: Extract<ActionResult<T>, { ok: true }>) => void } = {},
) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = schema.safeParse(Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === "string")));
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error.issues);
      setResult({ ok: false, message: opts.invalidMessage ?? INVALID_INPUT, fieldErrors });
      focusFirstError(form, fieldErrors);
      return;
    }
    startTransition(async () => {
      const r = await action(data);
      setResult(r);
      if (r.ok) opts.onSuccess?.(r);
      else if (r.fieldErrors) focusFirstError(form, r.fieldErrors);
    });
  }

  const errorOf = (name: string): string | undefined => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);
  return { result, pending, onSubmit, errorOf };
}

function focusFirstError(form: HTMLFormElement, errors: FieldErrors) {
  const first = Object.keys(errors)[0];
  if (!first) return;
  const el = form.elements.namedItem(first);
  if (el instanceof HTMLElement) el.focus();
}

/** The common case: after a successful save, re-render the page so it shows the new data. */
export function useRefreshingActionForm(action: (formData: FormData) => Promise<ActionResult<unknown>>, schema: z.ZodType) {
  const router = useRouter();
  return useActionForm<unknown>(action, schema, { onSuccess: () => router.refresh() });
}
