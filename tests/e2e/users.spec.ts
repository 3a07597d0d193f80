// User management, two-factor sign-in and inactivity expiry as users meet them. Each test works on
// accounts of its own, made in the server's database.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { codeForStep, stepAt } from "../../lib/auth/totp";
import { DEMO_PASSWORD, signIn } from "./helpers";
import { withE2eDb } from "./support/db";
import { E2E_NEXTAUTH_SECRET } from "./support/db-file";

async function makeUser(username: string) {
  await withE2eDb(async (c) => {
    await c.query(`DELETE FROM login_attempt WHERE username = $1`, [username]);
    await c.query(
      `INSERT INTO app_user (username, password_hash, display_name, role, unit_id)
       SELECT $1, password_hash, 'Cán bộ thử', 'DISTRICT', unit_id FROM app_user WHERE username = 'huyen.kyson'
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled = false, totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL`,
      [username],
    );
  });
}

async function fill(page: Page, username: string, password: string) {
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

async function freshPage(browser: Browser) {
  const ctx = await browser.newContext();
  return { ctx, page: await ctx.newPage() };
}

test("a province creates a district account; the user signs in with the temporary password, must choose one, and is shut out when disabled", async ({ page, browser }) => {
  const username = `qlhuyen${Date.now() % 1e6}`;
  await signIn(page, "tinh.nghean");
  await page.getByRole("link", { name: "Tài khoản", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Quản lý tài khoản" })).toBeVisible();
  // the province lists its districts' accounts only
  const table = page.getByTestId("users-table");
  await expect(table).toContainText("huyen.kyson");
  await expect(table).not.toContainText("tinh.kontum");
  await expect(table).not.toContainText("bo.vanphong");

  await page.getByRole("link", { name: "Tạo tài khoản" }).click();
  await page.getByLabel(/Tên đăng nhập/).fill(username);
  await page.getByLabel("Họ tên hoặc tên đơn vị").fill("Lê Văn Mới");
  await expect(page.getByLabel("Vai trò")).toHaveValue("DISTRICT");
  // a district of another province is refused with a clear message
  await page.getByLabel(/Mã đơn vị/).fill("611");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.locator("#nu-unitCode-error")).toHaveText("Đơn vị này nằm ngoài phạm vi quản lý của bạn.");
  await page.getByLabel(/Mã đơn vị/).fill("417");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  const temp = (await page.getByTestId("temporary-password-value").textContent())!.trim();
  expect(temp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  // the new user: forced to choose a password, then in
  const user = await freshPage(browser);
  await user.page.goto("/login");
  await fill(user.page, username, temp);
  await expect(user.page).toHaveURL(/\/profile\/password$/);
  const chosen = "Bến Thủy mùa nước lên 2026";
  await user.page.getByLabel("Mật khẩu hiện tại").fill(temp);
  await user.page.getByLabel("Mật khẩu mới", { exact: true }).fill(chosen);
  await user.page.getByLabel("Nhập lại mật khẩu mới").fill(chosen);
  await user.page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(user.page).toHaveURL(/\/login\?changed=1/);
  await fill(user.page, username, chosen);
  await expect(user.page.getByTestId("viewer")).toContainText("Lê Văn Mới");

  // the province disables it: the open session ends at the next request
  await page.getByRole("link", { name: "Mở tài khoản vừa tạo" }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("disable-user").click();
  await expect(page.getByTestId("user-summary")).toContainText("Đã khoá");
  await expect(page.getByTestId("user-history")).toContainText("Tạo tài khoản");
  await expect(page.getByTestId("user-history")).toContainText("Khoá tài khoản");
  await user.page.goto("/officers");
  await expect(user.page).toHaveURL(/\/login/);
  await user.ctx.close();
});

test("another province's account and the admin's own pages answer 404 to a province", async ({ page }) => {
  await signIn(page, "tinh.nghean");
  const ids = await withE2eDb(async (c) => (await c.query(`SELECT username, id FROM app_user WHERE username IN ('tinh.kontum', 'quantri')`)).rows);
  for (const { id } of ids) {
    const res = await page.goto(`/users/${id}`);
    expect(res?.status()).toBe(404);
  }
});

test("two-factor: set up with the QR code's secret, then every sign-in asks for the code", async ({ page, browser }) => {
  const username = `hai.buoc${Date.now() % 1e6}`;
  await makeUser(username);
  await signIn(page, username);
  await page.goto("/profile");
  await expect(page.getByTestId("profile-totp")).toContainText("Chưa bật");
  await page.getByTestId("profile-totp").getByRole("link", { name: "Quản lý" }).click();
  await page.getByRole("button", { name: "Thiết lập xác thực hai bước" }).click();
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Mã xác thực").fill("000000" === codeForStep(secret, stepAt(new Date())) ? "111111" : "000000");
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  await expect(page.locator("#totp-code-error")).toContainText("Mã không đúng");
  const enrolStep = stepAt(new Date());
  await page.getByLabel("Mã xác thực").fill(codeForStep(secret, enrolStep));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("Đang bật từ");

  const other = await freshPage(browser);
  await other.page.goto("/login");
  await fill(other.page, username, DEMO_PASSWORD);
  await expect(other.page.getByTestId("otp-step")).toBeVisible();
  await expect(other.page).toHaveURL(/\/login/);
  await other.page.getByLabel("Mã xác thực (6 chữ số)").fill("12345");
  await other.page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(other.page.locator("#otp-error")).toHaveText("Mã xác thực gồm 6 chữ số.");
  // the code used to confirm cannot be replayed; the next step's code (within the allowed drift) is accepted
  await other.page.getByLabel("Mã xác thực (6 chữ số)").fill(codeForStep(secret, enrolStep));
  await other.page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(other.page.getByTestId("login-error")).toContainText("Mã xác thực không đúng");
  await other.page.getByLabel("Mã xác thực (6 chữ số)").fill(codeForStep(secret, enrolStep + 1));
  await other.page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(other.page.getByTestId("viewer")).toBeVisible();
  await other.ctx.close();
});

// next-auth's session cookie, signed by the e2e server's secret, as the server would have issued it
async function sessionCookie(username: string, opts: { signedInSecondsAgo: number; lifetimeSeconds: number }) {
  const u = await withE2eDb(async (c) => (await c.query(`SELECT id, session_version FROM app_user WHERE username = $1`, [username])).rows[0]);
  const token = await encode({
    secret: E2E_NEXTAUTH_SECRET,
    token: { name: "t", uid: u.id, sv: u.session_version, at: Math.floor(Date.now() / 1000) - opts.signedInSecondsAgo },
    maxAge: opts.lifetimeSeconds,
  });
  return { name: "next-auth.session-token", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" as const };
}

test("inactivity: a session token past its idle lifetime, or older than 8 hours since sign-in, no longer opens a page", async ({ browser }) => {
  const username = `nghi${Date.now() % 1e6}`;
  await makeUser(username);
  const { ctx, page } = await freshPage(browser);
  await ctx.addCookies([await sessionCookie(username, { signedInSecondsAgo: 60, lifetimeSeconds: 1800 })]);
  await page.goto("/officers");
  await expect(page.getByTestId("viewer")).toBeVisible();

  // idle: the token ran out a minute ago (the browser still sends it, as a stale tab would)
  await ctx.clearCookies();
  await ctx.addCookies([await sessionCookie(username, { signedInSecondsAgo: 1900, lifetimeSeconds: -60 })]);
  await page.goto("/officers");
  await expect(page).toHaveURL(/\/login/);

  // active all day: a fresh token, but signed in 8 h 1 min ago
  await ctx.clearCookies();
  await ctx.addCookies([await sessionCookie(username, { signedInSecondsAgo: 8 * 3600 + 60, lifetimeSeconds: 1800 })]);
  const res = await page.request.get("/api/gaps?kind=unstaffed");
  expect(res.status()).toBe(401);
  await page.goto("/officers");
  await expect(page).toHaveURL(/\/login/);
  await ctx.close();
});

test("inactivity: while the user is active the session token is renewed, and its lifetime is the idle limit", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  const cookie = async () => (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  const first = await cookie();
  // about 30 minutes from now
  expect(first.expires * 1000 - Date.now()).toBeGreaterThan(28 * 60_000);
  expect(first.expires * 1000 - Date.now()).toBeLessThan(31 * 60_000);
  // cookie expiry has whole-second resolution (the Expires attribute): wait for more than a second of it
  await page.waitForTimeout(2100);
  // what the keep-alive does on activity
  const res = await page.request.get("/api/auth/session");
  expect(res.ok()).toBe(true);
  const renewed = await cookie();
  expect(renewed.value).not.toBe(first.value);
  expect(Math.floor(renewed.expires)).toBeGreaterThan(Math.floor(first.expires));
});

test("inactivity in the browser: activity pings the session at most once a minute; an idle screen signs out and says why", async ({ page }) => {
  await page.clock.install();
  await signIn(page, "huyen.quynhluu");
  await page.goto("/officers");
  // the keep-alive starts its minute when it mounts: move the clock only after that (it raced hydration under load)
  await page.locator("body[data-keep-alive=on]").waitFor({ state: "attached" });
  await page.clock.fastForward("01:05");
  const ping = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/auth/session");
  await page.keyboard.press("Shift");
  await ping;
  await page.clock.fastForward("31:00");
  await expect(page).toHaveURL(/\/login\?idle=1/);
  await expect(page.getByRole("status").filter({ hasText: "Phiên làm việc đã kết thúc do không hoạt động" })).toBeVisible();
  // signed out for real: the cookie is gone
  await page.goto("/officers");
  await expect(page).toHaveURL(/\/login/);
});
