import "server-only";
import { pendingSetup, viewerForSession, type SessionClaims, type Viewer } from "@/lib/auth/session";
import { dataVersion } from "@/lib/cache/figures";
import { todayInVietnam } from "@/lib/dates";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n";

// The rendered-page cache (ADR 0014): the dashboards ("/" and /units/<code>) kept as finished HTML in the app
// process, shared by every user who would be shown the very same page, and retired by the data version like
// the figures (lib/cache/figures.ts).
//
// What a dashboard shows depends on the address (scope, date, comparison, sort), the language, the day (the
// date defaults to today), the data (the version) and, of the viewer, only their role and their unit: the
// header's personal part (name, account) is filled in by the browser (components/layout/viewer-badge.tsx)
// and the sign-out form carries no token. That is the key. Every request is still checked on the server
// before anything is served: the proxy reads the viewer from its session exactly as every page does
// (viewerForSession: signed in, not disabled, session not revoked or too old); a request whose viewer is not
// settled (signed out, owes a password change or two-factor enrolment) is not served from here but goes to
// the page, which sends it where it must go. A page is only filled by the page itself, rendered for a user
// of that same role and unit, and only kept when the data version did not move while it was rendered.

const PAGE_CACHE_HEADER = "x-page-cache";

/** The pages kept: the dashboard of the viewer's own scope and the dashboard of each unit under it. */
const CACHEABLE = [/^\/$/, /^\/units\/[^/]+$/];

/** A page rendered to fill the cache, a server action: never answered from here. */
const PASS_THROUGH_HEADERS = ["next-action", PAGE_CACHE_HEADER];

type Page = { version: string; body: Uint8Array; contentType: string };
type Store = { pages: Map<string, Page>; bytes: number; filling: Map<string, Promise<Page | null>> };
const g = globalThis as unknown as { pageCache?: Store };
const store = (g.pageCache ??= { pages: new Map(), bytes: 0, filling: new Map() });

type RequestLike = { method: string; url: string; headers: Headers; cookies: { get(name: string): { value: string } | undefined } };

/** Whether a request may be answered from the cache at all (before anything is read). */
function isCacheableRequest(request: RequestLike): boolean {
  if (request.method !== "GET" || env().PAGE_CACHE_MB === 0) return false;
  if (PASS_THROUGH_HEADERS.some((h) => request.headers.has(h))) return false;
  // only a browser's request for the document: client-side navigations and prefetches ask for React's payload
  // (their RSC headers are hidden from the proxy, but they do not accept HTML)
  if (!(request.headers.get("accept") ?? "").includes("text/html")) return false;
  const { pathname } = new URL(request.url);
  return CACHEABLE.some((re) => re.test(pathname));
}

/** The key of the page a viewer would be shown at this address: everything the page's content depends on. */
function pageKey(request: RequestLike, viewer: Pick<Viewer, "role" | "unitId">, today: string = todayInVietnam()): string {
  const url = new URL(request.url);
  const locale = request.cookies.get(LOCALE_COOKIE)?.value;
  return JSON.stringify([
    env().DATABASE_READ_URL ?? env().DATABASE_URL,
    url.pathname + url.search,
    isLocale(locale) ? locale : DEFAULT_LOCALE,
    today,
    viewer.role,
    viewer.unitId,
  ]);
}

function remember(key: string, page: Page): void {
  const max = env().PAGE_CACHE_MB * 1024 * 1024;
  const size = (p: Page) => p.body.byteLength;
  if (size(page) > max / 4) return; // one page may not crowd out the rest
  const old = store.pages.get(key);
  if (old) {
    store.bytes -= size(old);
    store.pages.delete(key);
  }
  store.pages.set(key, page);
  store.bytes += size(page);
  for (const [k, p] of store.pages) {
    if (store.bytes <= max) break;
    store.pages.delete(k);
    store.bytes -= size(p);
  }
}

/** The app's own address, where a page is rendered to fill the cache (never the Host header a client sent). */
function selfOrigin(): string {
  return env().PAGE_CACHE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}

/** Renders the page as the requesting user, by asking this app for it with the cache turned off for that request. */
async function fill(request: RequestLike, version: string): Promise<Page | null> {
  const url = new URL(request.url);
  const headers = new Headers();
  for (const name of ["cookie", "accept-language", "user-agent"]) {
    const v = request.headers.get(name);
    if (v !== null) headers.set(name, v);
  }
  headers.set(PAGE_CACHE_HEADER, "fill");
  const res = await fetch(`${selfOrigin()}${url.pathname}${url.search}`, { headers, redirect: "manual", cache: "no-store" });
  const contentType = res.headers.get("content-type") ?? "";
  if (res.status !== 200 || !contentType.startsWith("text/html") || res.headers.has("set-cookie")) {
    // read to the end (a small error page or redirect): cancelling the body of a fetch made in the proxy can hang
    await res.arrayBuffer().catch(() => undefined);
    return null;
  }
  const body = new Uint8Array(await res.arrayBuffer());
  // the page read the data at some version between the two reads; kept only when that is beyond doubt
  return (await dataVersion()) === version ? { version, body, contentType } : null;
}

// Compressed, for the browsers that take it, by Next like every other answer (it ignores an encoding set here).
function respond(page: Page, state: "hit" | "fill"): Response {
  return new Response(page.body as BodyInit, {
    status: 200,
    headers: {
      "content-type": page.contentType,
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      [PAGE_CACHE_HEADER]: state,
    },
  });
}

/**
 * The answer to a dashboard request from the cache (filling it on a miss), or null when the page itself must
 * answer: not a cacheable request, a viewer who is not settled, a page that could not be kept.
 */
export async function servePage(request: RequestLike, claims: SessionClaims | null): Promise<Response | null> {
  if (!isCacheableRequest(request)) return null;
  // a database that cannot answer (a restart, an exhausted pool): the page answers, as it does without the cache
  const read = await Promise.all([viewerForSession(claims), dataVersion()]).catch(() => null);
  if (!read) return null;
  const [viewer, version] = read;
  if (!viewer || pendingSetup(viewer)) return null;
  const key = pageKey(request, viewer);
  const cached = store.pages.get(key);
  if (cached && cached.version === version) {
    store.pages.delete(key); // most recently used last
    store.pages.set(key, cached);
    return respond(cached, "hit");
  }
  // requests for the same page arriving while it is rendered wait for that one rendering
  const flight = `${key}|${version}`;
  let filling = store.filling.get(flight);
  if (!filling) {
    filling = fill(request, version)
      .catch((err: Error) => {
        console.warn(`page cache: could not render ${new URL(request.url).pathname} (${err.message})`);
        return null;
      })
      .finally(() => store.filling.delete(flight));
    store.filling.set(flight, filling);
    const page = await filling;
    if (page) remember(key, page);
    return page ? respond(page, "fill") : null;
  }
  const page = await filling;
  return page ? respond(page, "fill") : null;
}
