import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a province user creates an API token on their profile, reads their figures with it, and revokes it", async ({ page, request }) => {
  await signIn(page, "tinh.nghean");
  await page.getByTestId("viewer").click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi" })).toBeVisible();
  await expect(page.getByTestId("profile")).toContainText("Tỉnh Nghệ An (40)");

  const form = page.getByTestId("create-token-form");
  await form.getByRole("button", { name: "Tạo mã truy cập" }).click();
  await expect(form.getByText("Đặt tên cho mã truy cập")).toBeVisible(); // the name is required

  const name = `Báo cáo tuần ${Date.now()}`;
  await form.getByLabel("Tên mã").fill(name);
  await form.getByLabel("Thời hạn").selectOption("30");
  await form.getByRole("button", { name: "Tạo mã truy cập" }).click();
  const secret = (await page.getByTestId("token-secret-value").textContent())!.trim();
  expect(secret).toMatch(/^cax_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("token-table").locator("tr", { hasText: name });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("Đang hiệu lực");
  await expect(page.getByTestId("token-table")).not.toContainText(secret.slice(12)); // listed by its prefix only

  const auth = { Authorization: `Bearer ${secret}` };
  const mine = await request.get("/api/v1/coverage?asOf=2021-04-23", { headers: auth });
  expect(mine.status()).toBe(200);
  const body = await mine.json();
  expect(body.unit).toMatchObject({ code: "40", name: "Tỉnh Nghệ An" });
  expect(body.figures.staffed).toBe(body.figures.inProgramme);
  expect((await request.get("/api/v1/coverage?unit=62", { headers: auth })).status()).toBe(404);
  expect((await request.get("/api/v1/units/417/children?asOf=2021-04-23", { headers: auth })).status()).toBe(200);
  expect((await request.post("/api/v1/coverage", { headers: auth })).status()).toBe(405);

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Thu hồi" }).click();
  await expect(row).toContainText("Đã thu hồi");
  const revoked = await request.get("/api/v1/coverage", { headers: auth });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toContain("Cần mã truy cập hợp lệ");

  // the secret is not shown again after a reload
  await page.reload();
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
});
