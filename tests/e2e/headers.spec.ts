// Headers and cookies a browser relies on, and error answers that give nothing away.
import { expect, test } from "@playwright/test";
import { ensureToken } from "./authz/fixtures";
import { signIn } from "./helpers";
import { withE2eDb } from "./support/db";

test("pages carry a CSP without unsafe-eval that forbids framing, and the dashboard runs under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.request.get("/login");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("object-src 'none'");
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-powered-by"]).toBeUndefined();

  await signIn(page, "tinh.nghean");
  await expect(page.getByTestId("figure-coverage-value")).toBeVisible();
  expect(violations).toEqual([]);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("hostile API parameters get a short Vietnamese error with no stack trace or SQL", async ({ request }) => {
  const { secret } = await withE2eDb((c) => ensureToken(c, "bo.vanphong", "headers"));
  for (const url of ["/api/v1/coverage?unit=40'%3B%20DROP%20TABLE%20unit%3B--", "/api/v1/coverage?asOf=9999-99-99", "/api/v1/units/%00/children"]) {
    const res = await request.get(url, { headers: { authorization: `Bearer ${secret}` } });
    const body = await res.text();
    expect(res.status(), url).toBeGreaterThanOrEqual(400);
    expect(res.status(), url).toBeLessThan(500);
    expect((JSON.parse(body) as { error: { message: string } }).error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);
    expect(body).not.toMatch(/\bat .*\.(js|ts):\d+|SELECT|prisma|PrismaClient|stack/i);
  }
});
