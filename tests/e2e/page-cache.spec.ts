// The rendered-page cache (lib/cache/pages.ts, ADR 0014): a dashboard rendered for one user is served to
// another user of the same role and unit, each still sees their own name, a write retires it, and it is never
// served to anyone the page itself would refuse.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signedInContext } from "./authz/http";
import { DEMO_PASSWORD } from "./helpers";
import { withE2eDb } from "./support/db";

const DOCUMENT = { accept: "text/html,application/xhtml+xml" };
const SECOND_MINISTRY = "bo.thuky";

// Other test files run alongside and write: a write between two requests rightly retires the page. So each
// address is new (a date no earlier run asked for), and an expected hit is only expected when the data
// version did not move meanwhile (whileQuiet).
const randomDate = () => new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 1400) * 86_400_000).toISOString().slice(0, 10);
const newAddress = () => `/?asOf=${randomDate()}`;

/** A write to what the figures read (a commune's settings, rewritten as they are): it moves the data version. */
const write = () => withE2eDb((client) => client.query(`UPDATE commune_setting SET staffing_norm = staffing_norm WHERE id = (SELECT min(id) FROM commune_setting)`));
const version = () => withE2eDb(async (client) => String((await client.query<{ version: string }>(`SELECT version FROM data_version`)).rows[0]!.version));

/** Runs `body` again (up to 5 times) while a write of another test moved the data version during it. */
async function whileQuiet<T>(body: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await version();
    const result = await body();
    if ((await version()) === before || attempt === 5) return result;
  }
}

const cacheState = (res: { headers(): Record<string, string> } | null) => res?.headers()["x-page-cache"];

test.describe.configure({ mode: "serial" });

async function ensureUser(username: string, like: string, displayName: string, disabled = false): Promise<void> {
  await withE2eDb(async (client) => {
    await client.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
       SELECT $1, password_hash, $3, role, unit_id FROM app_user WHERE username = $2
       ON CONFLICT (username) DO NOTHING`,
      [username, like, displayName],
    );
    await client.query(`UPDATE app_user SET disabled = $2 WHERE username = $1`, [username, disabled]);
  });
}

const contexts: APIRequestContext[] = [];
async function as(baseURL: string | undefined, username: string): Promise<APIRequestContext> {
  const ctx = await signedInContext(baseURL, username, DEMO_PASSWORD);
  contexts.push(ctx);
  return ctx;
}

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.dispose()));
});

test.beforeAll(async () => {
  await ensureUser(SECOND_MINISTRY, "bo.vanphong", "Trần Thư Ký (Bộ)");
});

test("a dashboard rendered for one user is served to another of the same role and unit, each seeing their own name", async ({ browser, baseURL }) => {
  const first = await browser.newContext({ baseURL });
  const second = await browser.newContext({ baseURL });
  for (const [ctx, username] of [[first, "bo.vanphong"], [second, SECOND_MINISTRY]] as const) {
    const page = await ctx.newPage();
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }
  const a = await first.newPage();
  const b = await second.newPage();
  let url = "";
  const states = await whileQuiet(async () => {
    url = newAddress();
    return [cacheState(await a.goto(url)), cacheState(await b.goto(url))];
  });
  expect(states).toEqual(["fill", "hit"]);
  // the same figures, and the header names the one who is looking, not the one the page was rendered for
  await expect(a.getByTestId("viewer")).toContainText("bo.vanphong");
  await expect(b.getByTestId("figure-coverage-value")).toHaveText((await a.getByTestId("figure-coverage-value").textContent())!);
  await expect(b.getByTestId("viewer")).toContainText(`Trần Thư Ký (Bộ)Văn phòng Bộ Công an · ${SECOND_MINISTRY}`);
  await expect(b.getByTestId("viewer")).not.toContainText("bo.vanphong");
  // the served page is a live page: its links work
  await b.getByTestId("children-table").getByRole("link", { name: "Nghệ An" }).click();
  await expect(b).toHaveURL(/\/units\/40\?/);
  await expect(b.getByRole("heading", { level: 1 })).toContainText("Nghệ An");
  // signing out from a served page signs this browser out, and only this one
  await b.goBack();
  await b.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(b).toHaveURL(/\/login/);
  await b.goto(url);
  await expect(b).toHaveURL(/\/login/);
  await a.reload();
  await expect(a.getByTestId("viewer")).toContainText("bo.vanphong");
  await first.close();
  await second.close();
});

test("a write anywhere retires the served page: the next request renders it again", async ({ baseURL }) => {
  const ctx = await as(baseURL, "bo.vanphong");
  const url = newAddress();
  const get = async () => cacheState(await ctx.get(url, { headers: DOCUMENT }));
  expect(await whileQuiet(async () => [await get(), await get()])).toEqual(["fill", "hit"]);
  await write();
  expect(await get()).toBe("fill");
  expect(await whileQuiet(async () => [await get(), await get()])).toEqual(["hit", "hit"]);
});

test("a served page goes to no one the page would refuse: another unit, a disabled account, a signed-out browser", async ({ baseURL, request }) => {
  const ministry = await as(baseURL, "bo.vanphong");
  const kyson = await withE2eDb(async (client) => (await client.query<{ code: string }>(
    `SELECT u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id JOIN unit d ON d.id = v.parent_id
      WHERE d.code = '417' AND u.level = 'COMMUNE' ORDER BY u.code LIMIT 1`,
  )).rows[0]!.code);
  const url = `/units/${kyson}?asOf=${randomDate()}`;
  const states = await whileQuiet(async () => {
    const res = await ministry.get(url, { headers: DOCUMENT });
    expect(res.status()).toBe(200);
    return [cacheState(res), cacheState(await ministry.get(url, { headers: DOCUMENT }))];
  });
  expect(states[1]).toBe("hit");

  // a district of another province: the page says 404, as it does without the cache
  const other = await as(baseURL, "huyen.quynhluu");
  const refused = await other.get(url, { headers: DOCUMENT, maxRedirects: 0 });
  expect(refused.status()).toBe(404);
  expect(cacheState(refused)).toBeUndefined();

  // a district user of Kỳ Sơn whose account is disabled after signing in: their cookie is still a valid token
  const disabledName = "cache.vohieu";
  await ensureUser(disabledName, "huyen.kyson", "Tài khoản bị khóa (bộ đệm)");
  const disabled = await as(baseURL, disabledName);
  const colleague = await as(baseURL, "huyen.kyson");
  const own = `/units/${kyson}?asOf=${randomDate()}`;
  expect(await whileQuiet(async () => [cacheState(await disabled.get(own, { headers: DOCUMENT })), cacheState(await colleague.get(own, { headers: DOCUMENT }))]))
    .toEqual(["fill", "hit"]);
  await ensureUser(disabledName, "huyen.kyson", "Tài khoản bị khóa (bộ đệm)", true);
  const after = await disabled.get(own, { headers: DOCUMENT, maxRedirects: 0 });
  expect(after.status()).toBeGreaterThanOrEqual(300);
  expect(after.status()).toBeLessThan(400);
  expect(after.headers().location).toMatch(/\/login/);
  expect(cacheState(after)).toBeUndefined();

  // signed out: the sign-in page
  const anon = await request.get(url, { headers: DOCUMENT, maxRedirects: 0 });
  expect(anon.headers().location).toMatch(/\/login/);
});

test("only a browser's request for the document is served from the cache", async ({ baseURL }) => {
  const ctx = await as(baseURL, "bo.vanphong");
  const url = newAddress();
  const get = async () => cacheState(await ctx.get(url, { headers: DOCUMENT }));
  expect(await whileQuiet(async () => [await get(), await get()])).toEqual(["fill", "hit"]);
  // compressed for the browsers that take it (once: a page compressed twice reads as noise), the same page either way
  const zipped = await ctx.get(url, { headers: { ...DOCUMENT, "accept-encoding": "gzip" } });
  const plain = await ctx.get(url, { headers: { ...DOCUMENT, "accept-encoding": "identity" } });
  expect([cacheState(zipped), zipped.headers()["content-encoding"]]).toEqual(["hit", "gzip"]);
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(await zipped.text()).toBe(await plain.text());
  expect(await plain.text()).toContain("<html");
  // React's payload for a client-side navigation does not accept HTML: the page answers it
  const rsc = await ctx.get(url, { headers: { accept: "*/*", RSC: "1" } });
  expect(cacheState(rsc)).toBeUndefined();
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  // other pages are not kept
  expect(cacheState(await ctx.get("/officers", { headers: DOCUMENT }))).toBeUndefined();
});
