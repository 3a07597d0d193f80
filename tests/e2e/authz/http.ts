// Plain-HTTP helpers shared by the authorization matrix and the hostile-input suite: the build's server
// actions (from Next's own manifest), signing a request context in, and posting an action the way React
// does it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { Fixtures } from "./fixtures";

const ROOT = process.cwd();

export type ManifestAction = { id: string; key: string; workers: string[] };
/** Every server action in the build the server runs, from Next's own manifest. */
export function builtActions(): ManifestAction[] {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("no .next build: run `npx next build` before the e2e suite");
  const m = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }> };
  return Object.entries(m.node).map(([id, v]) => ({ id, key: `${v.filename}#${v.exportedName}`, workers: Object.keys(v.workers) }));
}

/** A page that holds the action, as a URL the probing user can open (the sign-in page when the action lives there). */
export function actionUrl(workers: string[], f: Fixtures): string {
  const k = f.places.kyson;
  const urls = workers.map((w) =>
    w
      .replace(/^app/, "")
      .replace(/\/\([^)]*\)/g, "")
      .replace(/\/page$/, "")
      .replace("/criteria/[id]", `/criteria/${f.setId}`)
      .replace("/officers/[id]", `/officers/${k.officerId}`)
      .replace("[code]", k.communeCode) || "/",
  );
  return urls.find((u) => u === "/login") ?? urls.find((u) => u !== "/criteria/new") ?? urls[0]!;
}


/** A request context signed in as `username` (through next-auth's own endpoints, as the login form does). */
export async function signedInContext(baseURL: string | undefined, username: string, password: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, username, password, json: "true" }, maxRedirects: 0 });
  expect(res.status(), `sign-in of ${username}`).toBeLessThan(400);
  const session = (await (await ctx.get("/api/auth/session")).json()) as { uid?: number };
  expect(session.uid, `session of ${username}`).toBeGreaterThan(0);
  return ctx;
}

/** Posts a server action with FormData fields: React's encodeReply sends them as "_1_<field>" parts, then the root "0" that points at them, last. */
export async function postAction(ctx: APIRequestContext, act: ManifestAction, fixtures: Fixtures, fields: Record<string, string>): Promise<APIResponse> {
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", '["$K1"]');
  return ctx.post(actionUrl(act.workers, fixtures), { headers: { "Next-Action": act.id, Accept: "text/x-component" }, multipart, maxRedirects: 0 });
}

export type ActionAnswer = { ok: boolean; message?: string; signedOut?: boolean; forbidden?: boolean; notFound?: boolean; conflict?: boolean; fieldErrors?: Record<string, string[]> };

/** The action's result from the RSC answer: one line "<id>:<json>" carries it; null when there is none. */
export function actionResult(text: string): ActionAnswer | null {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    const v = JSON.parse(m[1]!) as ActionAnswer;
    if (typeof v.ok === "boolean") return v;
  }
  return null;
}
