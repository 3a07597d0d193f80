import "server-only";
import { cache } from "react";
import { getReadDb } from "@/lib/db";
import { env } from "@/lib/env";

// The figures cache: computed figures kept in the app process, keyed by the function, its arguments and
// the data version (a number in PostgreSQL moved at the commit of every transaction that changed what the
// figures read; see the data_version migration). Every call reads the version (one indexed row, from the
// same database the figures are read from) — so a write through any app node, an import or a fix made in
// SQL retires every node's cached figures at once, and several nodes need nothing from each other.
// Identical calls in flight share one computation, so fifty users opening the national dashboard together
// cost one query. Bounded (FIGURE_CACHE_ENTRIES, least recently used out); callers get their own copy.
// A figure read after a commit may be computed from data newer than the version it is filed under; it is
// then recomputed on the next call (never the other way round: a stale figure is never served as fresh).

type Entry = { version: string; value: Promise<unknown> };
const g = globalThis as unknown as { figureCache?: Map<string, Entry>; figureCacheOff?: boolean };
const store = (g.figureCache ??= new Map<string, Entry>());

/** The current data version (read fresh on every call). */
export async function dataVersion(): Promise<string> {
  const rows = await getReadDb().$queryRaw<{ version: bigint }[]>`SELECT version FROM data_version`;
  return String(rows[0]?.version ?? "none");
}

// One read per request when rendering (React's cache lasts one server request; outside a request — scripts,
// the benchmark, tests — it does not memoise, so every call reads). The widgets of one page then agree on
// one version, and a dashboard costs one version read instead of one per widget.
const requestVersion = cache(dataVersion);

/** Turns the cache off or on for this process (the benchmark times both). */
export function setFigureCache(enabled: boolean): void {
  g.figureCacheOff = !enabled;
  if (!enabled) store.clear();
}

export function cachedFigure<A extends unknown[], R>(name: string, compute: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    const max = env().FIGURE_CACHE_ENTRIES;
    if (g.figureCacheOff || max === 0) return compute(...args);
    const version = await requestVersion();
    // the database is part of the key: tests and tools point one process at several databases
    const key = `${env().DATABASE_READ_URL ?? env().DATABASE_URL}|${name}|${JSON.stringify(args)}`;
    let entry = store.get(key);
    if (entry && entry.version === version) {
      store.delete(key); // most recently used last
      store.set(key, entry);
    } else {
      const value = compute(...args);
      entry = { version, value };
      store.set(key, entry);
      value.catch(() => {
        if (store.get(key)?.value === value) store.delete(key);
      });
      for (const oldest of store.keys()) {
        if (store.size <= max) break;
        store.delete(oldest);
      }
    }
    return structuredClone((await entry.value) as R);
  };
}
