"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { FormStatus } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/actions/result";
import { confirmPlacementAction, makeChiefPlacementAction, movePlacementAction } from "@/lib/units/actions";

type Labels = { confirm: string; confirming: string; move: string; moving: string; moveTo: string; proposed: string; makeChief: string; makingChief: string; makeChiefConfirm: string };

/** Confirm the reform's proposal; move an officer of a split commune to another part of it; or make a former chief the chief. */
export function PlacementActions({
  placementId,
  reason,
  currentId,
  options,
  labels,
}: {
  placementId: number;
  reason: "SPLIT" | "CHIEF";
  currentId: number;
  options: { id: number; code: string; name: string; proposed: boolean }[];
  labels: Labels;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const others = options.filter((o) => o.id !== currentId);
  const form = (fields: Record<string, string | number>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
    return f;
  };
  return (
    <div className="flex flex-wrap items-start gap-2">
      <ActionButton
        run={() => confirmPlacementAction(form({ placementId }))}
        label={labels.confirm}
        pendingLabel={labels.confirming}
        testId={`confirm-${placementId}`}
      />
      {reason === "CHIEF" && (
        <ActionButton
          run={() => makeChiefPlacementAction(form({ placementId }))}
          label={labels.makeChief}
          pendingLabel={labels.makingChief}
          testId={`make-chief-${placementId}`}
          confirm={labels.makeChiefConfirm}
        />
      )}
      {others.length > 0 && (
        <form
          className="flex flex-wrap items-center gap-1"
          data-testid={`move-${placementId}`}
          onSubmit={(e) => {
            e.preventDefault();
            const successorId = new FormData(e.currentTarget).get("successorId");
            start(async () => {
              const r = await movePlacementAction(form({ placementId, successorId: String(successorId ?? "") }));
              setResult(r);
              if (r.ok) router.refresh();
            });
          }}
        >
          <label className="sr-only" htmlFor={`successor-${placementId}`}>{labels.moveTo}</label>
          <select id={`successor-${placementId}`} name="successorId" className="rounded border border-stone-300 bg-white px-2 py-1.5 text-sm">
            {others.map((o) => (
              <option key={o.id} value={o.id}>{`${o.name} (${o.code})${o.proposed ? ` — ${labels.proposed}` : ""}`}</option>
            ))}
          </select>
          <button type="submit" disabled={pending} className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-60">
            {pending ? labels.moving : labels.move}
          </button>
        </form>
      )}
      <FormStatus result={result} />
    </div>
  );
}
