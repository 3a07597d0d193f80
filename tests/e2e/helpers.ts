import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo@2026-cax";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByTestId("viewer")).toBeVisible();
}

export const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}-value`);
