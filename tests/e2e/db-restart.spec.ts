// PostgreSQL restarted under HTTP load against `next start` (issue 8): the same fault as
// tests/integration/db-faults.test.ts, but from outside, as users meet it. Writers create officers through
// the server action, readers open the national dashboard, download the gap list and the report, and call
// the read API, all at once; in the middle the e2e server restarts its PostgreSQL (a fast shutdown that
// cuts every connection; on a DATABASE_URL server, every connection to the e2e database is terminated).
// Every answer must be a success or a clean "try again" (503 with Retry-After for downloads and the API,
// the action's Vietnamese message, the error page for a page), never a hang, a bare 500 or a leak; every
// accepted write must be in the database afterwards; and the app must come back by itself.
// Runs last and alone (its own Playwright project): it takes the database away from everyone.
import { readFileSync } from "node:fs";
import { expect, request, test, type APIResponse } from "@playwright/test";
import { TRY_AGAIN } from "../../lib/db/errors";
import { ensureToken, loadFixtures, MATRIX_PASSWORD } from "./authz/fixtures";
import { actionResult, builtActions, postAction, signedInContext } from "./authz/http";
import { withE2eDb } from "./support/db";
import { e2eServerPidFile } from "./support/db-file";

const LEAK = /prisma|postgres|ECONNREFUSED|Connection terminated|\bSELECT\b|\bINSERT\b|node_modules|\bat \S+ \(/i;
const WRITERS = 3;
const LOAD_MS = 6_000;
const FAULT_AT_MS = 2_000;
const TIMEOUT_MS = 20_000;

type Kind = "write" | "page" | "gaps" | "report" | "api";
type Outcome = "ok" | "try-again" | "problem";
type Sample = { kind: Kind; at: number; ms: number; outcome: Outcome; detail?: string };

const postmasterStart = () => withE2eDb(async (c) => String((await c.query(`SELECT pg_postmaster_start_time()::text AS t`)).rows[0].t));

test("PostgreSQL restarted under HTTP load: every answer is a success or a clean 'try again', no accepted write is lost, the app recovers by itself", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const pid = Number(readFileSync(e2eServerPidFile(Number(process.env.E2E_PORT ?? 3100)), "utf8"));
  const embedded = !process.env.DATABASE_URL;
  const fixtures = await withE2eDb((c) => loadFixtures(c, ["huyen.kyson", "bo.vanphong"]));
  const { secret } = await withE2eDb((c) => ensureToken(c, "bo.vanphong"));
  const district = await signedInContext(baseURL, "huyen.kyson", MATRIX_PASSWORD);
  const ministry = await signedInContext(baseURL, "bo.vanphong", MATRIX_PASSWORD);
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  const create = builtActions().find((a) => a.key.endsWith("staffing/actions.ts#createOfficerAction"))!;
  const communeId = String(fixtures.places.kyson.communeId);
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });
  const run = Date.now().toString(36).slice(-5).toUpperCase();

  const accepted: string[] = [];
  const refused: string[] = [];
  const samples: Sample[] = [];
  const t0 = Date.now();

  /** A download or API answer: 200, or 503 with the "try again" message and Retry-After. */
  const judgeRoute = async (res: APIResponse): Promise<[Outcome, string?]> => {
    if (res.status() === 200) return ["ok"];
    const body = await res.text();
    if (res.status() === 503 && res.headers()["retry-after"] && body.includes(TRY_AGAIN)) return ["try-again"];
    return ["problem", `HTTP ${res.status()} ${body.slice(0, 160)}`];
  };

  const steps: Record<Kind, (i: number, loop: number) => Promise<[Outcome, string?]>> = {
    write: async (i, loop) => {
      const officerNumber = `DR${run}-${loop}-${i}`;
      const res = await postAction(district, create, fixtures, { officerNumber, fullName: "Nguyễn Văn Sự Cố", rank: "THIEU_UY", gender: "MALE", communeId, post: "OFFICER", startDate: today });
      const text = await res.text();
      const r = res.status() === 200 ? actionResult(text) : null;
      if (r?.ok) {
        accepted.push(officerNumber);
        return ["ok"];
      }
      if (r && r.message === TRY_AGAIN) {
        refused.push(officerNumber);
        return ["try-again"];
      }
      return ["problem", `HTTP ${res.status()} ${r ? JSON.stringify(r) : text.slice(0, 160)}`];
    },
    page: async () => {
      // asked for as a browser asks for a document, so the page cache (lib/cache/pages.ts) is under the fault too
      const res = await ministry.get("/", { timeout: TIMEOUT_MS, maxRedirects: 0, headers: { accept: "text/html,application/xhtml+xml" } });
      const body = await res.text();
      if (LEAK.test(body.replace(/<script[\s\S]*?<\/script>/g, ""))) return ["problem", `page leaks: ${LEAK.exec(body)?.[0]}`];
      if (res.status() === 200) return ["ok"];
      // the error page (a digest, a "try again" button), never the error itself
      return res.status() === 500 ? ["try-again"] : ["problem", `HTTP ${res.status()}`];
    },
    gaps: async () => judgeRoute(await ministry.get("/api/gaps?kind=unstaffed", { timeout: TIMEOUT_MS })),
    report: async () => judgeRoute(await ministry.get("/api/reports?format=csv", { timeout: TIMEOUT_MS })),
    api: async () => judgeRoute(await api.get("/api/v1/coverage", { timeout: TIMEOUT_MS })),
  };

  const loop = async (kind: Kind, n: number) => {
    for (let i = 0; Date.now() - t0 < LOAD_MS; i++) {
      const start = Date.now();
      let outcome: [Outcome, string?];
      try {
        outcome = await steps[kind](i, n);
      } catch (err) {
        outcome = ["problem", `no answer: ${String(err).slice(0, 160)}`];
      }
      samples.push({ kind, at: start - t0, ms: Date.now() - start, outcome: outcome[0], detail: outcome[1] });
    }
  };

  const before = embedded ? await postmasterStart() : "";
  let faultAt = 0;
  const fault = (async () => {
    await new Promise((r) => setTimeout(r, FAULT_AT_MS));
    faultAt = Date.now() - t0;
    process.kill(pid, "SIGUSR2");
  })();
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_, n) => loop("write", n)),
    loop("page", 0),
    loop("gaps", 0),
    loop("report", 0),
    loop("api", 0),
    fault,
  ]);

  // the app comes back by itself: after the load, a write and each read succeed without restarting anything
  let recovered = false;
  for (let i = 0; !recovered && Date.now() - t0 < LOAD_MS + 30_000; i++) {
    const [w] = await steps.write(1000 + i, 9);
    const reads = await Promise.all((["page", "gaps", "report", "api"] as const).map((k) => steps[k](0, 0)));
    recovered = w === "ok" && reads.every(([o]) => o === "ok");
    if (!recovered) await new Promise((r) => setTimeout(r, 250));
  }

  const stored = await withE2eDb(
    async (c) => (await c.query<{ n: string }>(`SELECT officer_number AS n FROM officer WHERE officer_number = ANY($1)`, [[...accepted, ...refused]])).rows.map((r) => r.n),
  );
  const lost = accepted.filter((n) => !stored.includes(n));
  // a write refused while its commit was already on its way (the answer lost with the connection): told "try again", yet saved
  const ambiguous = refused.filter((n) => stored.includes(n));
  const failed = samples.filter((s) => s.outcome === "try-again");
  const answered = (s: Sample) => s.at + s.ms - faultAt;
  const outage = failed.length ? `${Math.min(...failed.map(answered))}–${Math.max(...failed.map(answered))} ms after the fault` : "none";
  // the first request started after the last "try again" was answered, and how it went
  const lastFailure = failed.length ? Math.max(...failed.map((s) => s.at + s.ms)) : faultAt;
  const firstAfter = samples.filter((s) => s.at >= lastFailure).sort((a, b) => a.at - b.at)[0];
  const byKind = (["write", "page", "gaps", "report", "api"] as Kind[]).map((k) => {
    const s = samples.filter((x) => x.kind === k);
    return `${k} ${s.length} (ok ${s.filter((x) => x.outcome === "ok").length}, try again ${s.filter((x) => x.outcome === "try-again").length}, max ${Math.max(...s.map((x) => x.ms))} ms)`;
  });
  console.log(
    `[faults/http] ${embedded ? "restart" : "connections terminated"}: ${samples.length} requests — ${byKind.join("; ")}; ` +
      `accepted writes ${accepted.length}, lost ${lost.length}, refused ${refused.length} (saved anyway ${ambiguous.length}); ` +
      `"try again" answered ${outage}; the next request (${firstAfter ? `${firstAfter.kind}, started ${firstAfter.at - faultAt} ms after the fault` : "none in the window"}) ${firstAfter?.outcome ?? "-"}`,
  );

  await Promise.all([district.dispose(), ministry.dispose(), api.dispose()]);
  expect(samples.filter((s) => s.outcome === "problem").map((s) => `${s.kind} at ${s.at} ms: ${s.detail}`)).toEqual([]);
  expect(accepted.length).toBeGreaterThan(0);
  expect(lost).toEqual([]);
  expect(recovered, "the app answered again after the fault without a restart").toBe(true);
  if (embedded) expect(await postmasterStart(), "PostgreSQL was really restarted").not.toBe(before);
  // nothing hangs: a request waits at most the pool timeout, not until the client gives up
  expect(Math.max(...samples.map((s) => s.ms))).toBeLessThan(TIMEOUT_MS);
});
