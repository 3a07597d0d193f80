import { expect, test } from "@playwright/test";
import { figure, signIn } from "./helpers";

const todayVi = () =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());

test("a district user transfers an officer; the history and the commune's figures follow", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  await page.getByRole("link", { name: "Thị trấn Mường Xén" }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("Thị trấn Mường Xén");
  await expect(figure(page, "officers")).toHaveText(/^\d/); // figures stream in after the page shell
  const before = Number(await figure(page, "officers").textContent());
  const communeUrl = page.url();
  const row = page.getByTestId("officer-table").locator("tbody tr", { hasText: "Cán bộ Công an xã" }).first();
  const name = (await row.locator("th a").textContent())!.trim();
  await row.locator("th a").click();
  await expect(page.getByTestId("officer-name")).toHaveText(name);
  const history = page.getByTestId("assignment-history");
  const postsBefore = await history.locator("tbody tr").count();

  const form = page.getByTestId("transfer-form");
  await form.getByLabel("Đến xã, thị trấn").selectOption({ label: "Xã Mỹ Lý" });
  await form.getByLabel(/Ngày điều động/).fill("31/02/2026");
  await form.getByRole("button", { name: "Điều động" }).click();
  await expect(form.getByText("Ngày điều động không hợp lệ (dd/mm/yyyy).")).toBeVisible();
  // what was typed is kept after the error
  await expect(form.getByLabel("Đến xã, thị trấn")).toHaveValue(/\d+/);
  await form.getByLabel(/Ngày điều động/).fill(todayVi());
  await form.getByRole("button", { name: "Điều động" }).click();
  await expect(form.getByTestId("form-status")).toHaveText("Đã điều động cán bộ.");
  // one more post: the new one on top, the one it ended marked as a transfer
  await expect(history.locator("tbody tr")).toHaveCount(postsBefore + 1);
  await expect(history.locator("tbody tr").first()).toContainText("Xã Mỹ Lý");
  await expect(history.locator("tbody tr").nth(1)).toContainText("Thị trấn Mường Xén");
  await expect(history.locator("tbody tr").nth(1)).toContainText("Điều động");

  await page.goto(communeUrl.replace(/\?.*$/, ""));
  await expect(figure(page, "officers")).toHaveText(String(before - 1));
});

test("officer search finds names typed without diacritics, within the user's scope only", async ({ page }) => {
  await signIn(page, "huyen.kyson");
  await page.getByRole("link", { name: "Cán bộ", exact: true }).click();
  await page.getByLabel(/Tìm theo họ tên/).fill("hoang cong dung");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByTestId("officer-results")).toContainText("Hoàng Công Dũng");
  // by commune code: everyone serving in Xã Mỹ Lý (16816)
  await page.getByLabel(/Tìm theo họ tên/).fill("");
  await page.getByLabel("Mã xã").fill("16816");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.getByTestId("officer-results").locator("tbody tr").first()).toContainText("Xã Mỹ Lý");
  // an officer of another district is a 404, even by a guessed id
  const res = await page.goto("/officers/1");
  expect(res?.status()).toBe(404);
});

test("the ministry can read an officer but sees no editing forms", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/officers?q=40000221");
  await page.getByTestId("officer-results").locator("tbody a").first().click();
  await expect(page.getByTestId("officer-name")).toBeVisible();
  await expect(page.getByTestId("transfer-form")).toHaveCount(0);
  await expect(page.getByText("Tài khoản của bạn chỉ được xem, không được sửa dữ liệu.")).toBeVisible();
});
