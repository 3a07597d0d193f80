import "server-only";

// A node draws at most RENDER_SLOTS PDF reports at once; the others wait their turn, in order, before they
// touch the database (ADR 0020). Drawing is CPU work on the one event loop: fifty drawn side by side finish
// no sooner than fifty drawn in turn, but meanwhile each holds a database connection between its steps and
// every other request of the node (a dashboard, a sign-in) waits behind all fifty; under a burst the pool's
// wait ran out and downloads failed with "try again". A download whose client hangs up while waiting leaves
// the queue without drawing anything (the request's signal aborts), and when QUEUE_LIMIT already wait the
// next is answered "busy, try again" at once instead of being kept for minutes. Per process: N nodes draw
// N × RENDER_SLOTS at a time.

export const RENDER_SLOTS = 2;
export const QUEUE_LIMIT = 100;

export class QueueFull extends Error {
  constructor() {
    super("render queue full");
  }
}

export class Abandoned extends Error {
  constructor() {
    super("the client hung up");
  }
}

type Waiter = { grant: () => void };

const state = { busy: 0, queue: [] as Waiter[] };

/** How many draw and how many wait (the tests read it). */
export const renderLoad = () => ({ drawing: state.busy, waiting: state.queue.length });

/**
 * Waits for a slot and returns its release (idempotent). Rejects with QueueFull when QUEUE_LIMIT are
 * already waiting, with Abandoned when `signal` aborts before the slot is granted.
 */
export function renderSlot(signal?: AbortSignal, slots = RENDER_SLOTS, limit = QUEUE_LIMIT): Promise<() => void> {
  if (signal?.aborted) return Promise.reject(new Abandoned());
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const next = state.queue.shift();
    if (next) next.grant();
    else state.busy -= 1;
  };
  if (state.busy < slots) {
    state.busy += 1;
    return Promise.resolve(release);
  }
  if (state.queue.length >= limit) return Promise.reject(new QueueFull());
  return new Promise((resolve, reject) => {
    const waiter: Waiter = {
      grant: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(release);
      },
    };
    const onAbort = () => {
      const i = state.queue.indexOf(waiter);
      if (i >= 0) state.queue.splice(i, 1);
      reject(new Abandoned());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    state.queue.push(waiter);
  });
}
