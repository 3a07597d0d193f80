import { afterEach, describe, expect, it } from "vitest";
import { Abandoned, QueueFull, RENDER_SLOTS, renderLoad, renderSlot } from "@/lib/reports/render-slots";

// A burst of PDF downloads: at most RENDER_SLOTS draw at once, the rest wait in order, a client that hangs
// up leaves the queue, and a queue at its limit answers "busy" at once.

const settled = () => new Promise((r) => setImmediate(r));
const held: (() => void)[] = [];
afterEach(() => {
  while (held.length) held.pop()!();
  expect(renderLoad()).toEqual({ drawing: 0, waiting: 0 });
});

describe("render slots", () => {
  it("lets RENDER_SLOTS draw at once and grants the others in the order they came", async () => {
    for (let i = 0; i < RENDER_SLOTS; i++) held.push(await renderSlot());
    const granted: number[] = [];
    const waiting = [1, 2, 3].map((n) => renderSlot().then((release) => (granted.push(n), release)));
    await settled();
    expect(granted).toEqual([]);
    expect(renderLoad()).toEqual({ drawing: RENDER_SLOTS, waiting: 3 });

    held.shift()!();
    await settled();
    expect(granted).toEqual([1]);
    held.shift()!();
    await settled();
    expect(granted).toEqual([1, 2]);
    expect(renderLoad()).toEqual({ drawing: RENDER_SLOTS, waiting: 1 });
    held.push(...(await Promise.all(waiting.slice(0, 2))));
    held.shift()!();
    held.push(await waiting[2]!);
    expect(granted).toEqual([1, 2, 3]);
  });

  it("a release called twice frees one slot, not two", async () => {
    const first = await renderSlot(undefined, 1);
    const next = renderSlot(undefined, 1);
    const after = renderSlot(undefined, 1);
    let afterGranted = false;
    void after.then(() => (afterGranted = true));
    first();
    first();
    held.push(await next);
    await settled();
    expect(afterGranted).toBe(false);
    held.shift()!();
    held.push(await after);
  });

  it("a client that hangs up while waiting leaves the queue and is never granted", async () => {
    held.push(await renderSlot(undefined, 1));
    const hangUp = new AbortController();
    const gone = renderSlot(hangUp.signal, 1);
    const stays = renderSlot(undefined, 1);
    expect(renderLoad().waiting).toBe(2);
    hangUp.abort();
    await expect(gone).rejects.toBeInstanceOf(Abandoned);
    expect(renderLoad().waiting).toBe(1);
    held.shift()!();
    held.push(await stays);
    expect(renderLoad()).toEqual({ drawing: 1, waiting: 0 });
  });

  it("a request already abandoned does not take a slot", async () => {
    const hangUp = new AbortController();
    hangUp.abort();
    await expect(renderSlot(hangUp.signal)).rejects.toBeInstanceOf(Abandoned);
    expect(renderLoad()).toEqual({ drawing: 0, waiting: 0 });
  });

  it("answers busy at once when the queue is at its limit", async () => {
    held.push(await renderSlot(undefined, 1, 2));
    const queued = [renderSlot(undefined, 1, 2), renderSlot(undefined, 1, 2)];
    await expect(renderSlot(undefined, 1, 2)).rejects.toBeInstanceOf(QueueFull);
    expect(renderLoad().waiting).toBe(2);
    for (const q of queued) {
      held.shift()!();
      held.push(await q);
    }
  });
});
