// Proves tests/e2e/authz/matrix.ts against the running server: every page, API route and server action,
// for every role, inside and outside the user's reach. Plain HTTP, as an attacker would send it: server
// actions are posted with their Next-Action id from the build's manifest, so nothing relies on the UI.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DISABLED_USER, ensureDisabledUser, loadFixtures, MATRIX_PASSWORD, type Fixtures, type PlaceKey } from "./authz/fixtures";
import { actionResult, builtActions, postAction, signedInContext, type ManifestAction } from "./authz/http";
import { MATRIX, ROLES, type Entry, type Outcome, type Role } from "./authz/matrix";
import { withE2eDb } from "./support/db";

test.describe.configure({ mode: "default" });

const ROOT = process.cwd();
const USERS: Record<Role, { username?: string; inside: PlaceKey; outside?: PlaceKey }> = {
  anon: { inside: "kyson" },
  disabled: { username: DISABLED_USER, inside: "kyson" },
  district: { username: "huyen.kyson", inside: "kyson", outside: "quynhluu" },
  province: { username: "tinh.nghean", inside: "kyson", outside: "kontum" },
  ministry: { username: "bo.vanphong", inside: "kyson" },
  admin: { username: "quantri", inside: "kyson" },
};
const TOKEN_OWNERS = [...Object.values(USERS).flatMap((u) => (u.username ? [u.username] : [])), "huyen.quynhluu", "tinh.kontum"];

/** Every page and route handler under app/, as its URL pattern. */
function appRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^(page|route)\.tsx?$/.test(e.name)) {
        const rel = path.relative(path.join(ROOT, "app"), dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
        out.push(`/${rel.join("/")}`);
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return out.sort();
}

function roster(communeCode: string): Buffer {
  const header = "Số hiệu;Họ và tên;Cấp bậc;Giới tính;Ngày sinh;Dân tộc;Đảng viên;Ngày vào Đảng;Mã xã;Chức danh;Ngày bắt đầu;Ngày kết thúc;Lý do kết thúc";
  return Buffer.from(`\uFEFF${header}\r\nMT${communeCode}9;Lê Thị Thử;Thiếu úy;Nữ;01/01/1998;Kinh;Không;;${communeCode};Cán bộ Công an xã;01/06/2024;;\r\n`);
}

/** A reform of one made-up commune: it reads, and the map refuses it (a dry run; nothing can be written). */
function reformProbe() {
  const csv = (text: string, name: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  return {
    name: "Thử phân quyền",
    effectiveOn: "01/07/2099",
    source: "upload",
    units: csv("province_code,province_name,commune_code,commune_name,commune_type\n99,Tỉnh Thử,99999,Xã Thử,Xã\n", "units.csv"),
    mapping: csv("old_province_code,old_commune_code,old_commune_name,new_province_code,new_commune_code,new_commune_name,note\n99,99999,Xã Thử,99,99999,Xã Thử,\n", "mapping.csv"),
    provinces: csv("old_province_code,old_province_name,new_province_code,new_province_name\n99,Tỉnh Thử,99,Tỉnh Thử\n", "provinces.csv"),
  };
}

const isLogin = (res: APIResponse) => res.status() >= 300 && res.status() < 400 && /\/login/.test(res.headers().location ?? "");

// pages are asked for as a browser asks for a document, so the dashboards go through the page cache (lib/cache/pages.ts)
const DOCUMENT = { accept: "text/html,application/xhtml+xml" };

async function classifyPage(ctx: APIRequestContext, url: string): Promise<Outcome | string> {
  let res = await ctx.get(url, { maxRedirects: 0, headers: DOCUMENT });
  if (isLogin(res)) return "login";
  // a page that puts its parameters in canonical form (e.g. adds today's date) redirects to itself once
  const location = res.headers().location;
  if (res.status() >= 300 && res.status() < 400 && location && new URL(location, "http://x").pathname === new URL(url, "http://x").pathname) {
    res = await ctx.get(location, { maxRedirects: 0, headers: DOCUMENT });
    if (isLogin(res)) return "login";
  }
  if (url === "/login" && res.status() >= 300 && res.status() < 400) return "ok";
  if (res.status() === 200) return "ok";
  if ([401, 403, 404].includes(res.status())) return res.status() as Outcome;
  return `HTTP ${res.status()}`;
}

async function classifyApi(res: APIResponse, body?: "roster" | "reform"): Promise<Outcome | string> {
  if (res.status() !== 200) return [401, 403, 404].includes(res.status()) ? (res.status() as Outcome) : `HTTP ${res.status()}: ${(await res.text()).slice(0, 200)}`;
  if (body === "reform") {
    // past the checks, the service ran the dry run and the map refused the made-up commune
    const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!) as { problems?: string[] };
    return last.problems?.some((p) => p.includes("99999")) ? "ok" : `reform: ${JSON.stringify(last).slice(0, 200)}`;
  }
  if (!body) return "ok";
  const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!) as { report?: { errors: { message: string }[] }; error?: string };
  if (!last.report) return `import failed: ${last.error}`;
  return last.report.errors.some((e) => /phạm vi/.test(e.message)) ? 404 : "ok";
}

/** The action's result from the RSC answer: one line "<id>:<json>" carries it. */
async function classifyAction(res: APIResponse): Promise<Outcome | string> {
  if (isLogin(res)) return "login";
  // an action that sends the browser to the sign-in page itself (React follows x-action-redirect)
  if (/^\/login\b/.test(res.headers()["x-action-redirect"] ?? "")) return "login";
  const text = await res.text();
  if (res.status() !== 200) return `HTTP ${res.status()}: ${text.slice(0, 200)}`;
  const v = actionResult(text);
  if (v) {
    if (v.ok) return "ok";
    if (v.signedOut) return 401;
    if (v.forbidden) return 403;
    if (v.notFound) return 404;
    // refused for a reason of the data (stale version, dates, state) after session, role and scope passed;
    // a validation failure would mean the probe is wrong, not that access was granted
    if (/Dữ liệu chưa hợp lệ/.test(v.message ?? "")) return `invalid probe: ${JSON.stringify(v.fieldErrors)}`;
    return "ok";
  }
  // setLocale returns nothing: the root line of the answer is there, with no result to read
  return /^0:\{"a":/m.test(text) ? "ok" : `unreadable answer: ${text.slice(0, 200)}`;
}

let fixtures: Fixtures;
const contexts = {} as Record<Role, APIRequestContext>;
let actions: ManifestAction[];

test.beforeAll(async ({ baseURL }) => {
  fixtures = await withE2eDb(async (client) => {
    await ensureDisabledUser(client, false);
    return loadFixtures(client, TOKEN_OWNERS);
  });
  actions = builtActions();
  for (const role of ROLES) {
    const username = USERS[role].username;
    contexts[role] = username ? await signedInContext(baseURL, username, MATRIX_PASSWORD) : await request.newContext({ baseURL });
  }
  // disabled after signing in: its cookie is still a valid JWT, which is what the proxy checks
  await withE2eDb((client) => ensureDisabledUser(client, true));
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c.dispose()));
});

test("the matrix lists every page, API route and server action, and nothing that no longer exists", () => {
  const routes = appRoutes();
  const listed = MATRIX.map((e) => e.key);
  const missing = [...routes, ...actions.map((x) => x.key)].filter((k) => !listed.includes(k));
  const stale = listed.filter((k) => !routes.includes(k) && !actions.some((x) => x.key === k));
  expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  expect(new Set(listed).size).toBe(listed.length);
  // an outside probe needs a user with an outside place
  for (const e of MATRIX) for (const role of ROLES) if (Array.isArray(e.expect[role])) expect(USERS[role].outside, `${e.key} / ${role}`).toBeDefined();
});

async function probe(entry: Entry, role: Role, inside: boolean): Promise<Outcome | string> {
  const user = USERS[role];
  const place = fixtures.places[inside ? user.inside : user.outside!];
  const ctx = contexts[role];
  const p = entry.probe;
  if (p.kind === "page") {
    const url = p.path(place, fixtures);
    return classifyPage(ctx, url);
  }
  if (p.kind === "api") {
    const url = p.path(place, fixtures);
    const headers: Record<string, string> = {};
    if (p.auth === "token" && user.username) headers.authorization = `Bearer ${fixtures.tokens[user.username]!.secret}`;
    // token routes ignore the session cookie: probe them from a context that has none
    const from = p.auth === "token" ? contexts.anon : ctx;
    const res =
      p.method === "GET"
        ? await from.get(url, { headers, maxRedirects: 0 })
        : await from.post(url, { headers, maxRedirects: 0, multipart: p.body === "reform" ? reformProbe() : { file: { name: "thu.csv", mimeType: "text/csv", buffer: roster(place.communeCode) } } });
    return classifyApi(res, p.body);
  }
  const act = actions.find((x) => x.key === entry.key);
  if (!act) return "not in the build";
  const fields = p.fields(place, fixtures, { username: user.username ?? "", inside });
  return classifyAction(await postAction(ctx, act, fixtures, fields));
}

for (const entry of MATRIX) {
  test(`access to ${entry.key}`, async () => {
    const seen: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const role of ROLES) {
      const e = entry.expect[role];
      const expected = Array.isArray(e) ? e : [e];
      const got = [await probe(entry, role, true)];
      if (Array.isArray(e)) got.push(await probe(entry, role, false));
      want[role] = expected;
      seen[role] = got;
    }
    expect(seen).toEqual(want);
  });
}
