"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { FormStatus } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";

const LOOKS = {
  primary: "rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800",
  danger: "rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50",
  plain: "rounded border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50",
  link: "text-sm font-medium text-brand-700 hover:underline",
} as const;

/**
 * A button that runs one server action with no form fields of its own (sign out everywhere, start two-factor
 * enrolment, disable an account…), optionally after a confirmation, and shows its result under it. On
 * success the page is refreshed, or `onSuccess` decides; `renderSuccess` can show more than the message
 * (a temporary password), and `quietSuccess` shows nothing (the refreshed page says it).
 */
export function ActionButton<T>({
  run,
  label,
  pendingLabel,
  confirm,
  look = "plain",
  testId,
  onSuccess,
  renderSuccess,
  quietSuccess = false,
}: {
  run: () => Promise<ActionResult<T>>;
  label: string;
  pendingLabel: string;
  confirm?: string;
  look?: keyof typeof LOOKS;
  testId?: string;
  onSuccess?: (data: T) => void;
  renderSuccess?: (data: T) => ReactNode;
  quietSuccess?: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const shown = result?.ok && renderSuccess ? renderSuccess(result.data) : undefined;
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        data-testid={testId}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          start(async () => {
            const r = await run();
            setResult(r.ok && quietSuccess ? null : r);
            if (r.ok) (onSuccess ?? (() => router.refresh()))(r.data);
          });
        }}
        className={`${LOOKS[look]} disabled:opacity-60`}
      >
        {pending ? pendingLabel : label}
      </button>
      {shown ?? <FormStatus result={result} />}
    </div>
  );
}
