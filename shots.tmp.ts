import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
async function login(user: string, viewport = { width: 1366, height: 768 }, locale?: string) {
  const ctx = await browser.newContext({ viewport, baseURL: "http://localhost:3000" });
  if (locale) await ctx.addCookies([{ name: "locale", value: locale, url: "http://localhost:3000" }]);
  const p = await ctx.newPage();
  await p.goto("/login");
  await p.locator("input:not([type=hidden])").first().fill(user);
  await p.locator("input[type=password]").fill("Demo@2026-cax");
  await p.locator("input[type=password]").press("Enter");
  await p.getByTestId("viewer").waitFor();
  await p.close();
  return ctx;
}
async function shot(ctx: import("@playwright/test").BrowserContext, path: string, name: string, print = false) {
  const page = await ctx.newPage();
  if (print) await page.emulateMedia({ media: "print" });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
  await page.screenshot({ path: `/tmp/top-${name}.png` });
  const hist = page.getByTestId("section-history");
  if (await hist.count()) { await page.getByTestId("commune-status").scrollIntoViewIfNeeded(); await page.screenshot({ path: `/tmp/mid-${name}.png` }); }
  await page.close();
}
const en = await login("bo.vanphong", undefined, "en");
await shot(en, "/?asOf=2020-06-30", "national-en");
const ministry = await login("bo.vanphong");
await shot(ministry, "/?asOf=2020-06-30", "national-2020");
await shot(ministry, "/units/23473?asOf=2019-04-23", "commune");
await shot(ministry, "/units/62?asOf=2019-04-23", "kontum-print", true);
const phone = await login("tinh.nghean", { width: 390, height: 844 });
await shot(phone, "/?asOf=2021-04-23", "phone");
await browser.close();
