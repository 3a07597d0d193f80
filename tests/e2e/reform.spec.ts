// The 1 July 2025 reform on the demo data, as its users meet it (issue 9): an administrator checks and records
// it from /reform/record (the operator's `npm run units:reform` then finds it recorded); the ministry then sees 63 provinces on 30/06/2025
// and 34 on 01/07/2025, a merged province's history through the reform, the province reviews the placements
// the reform could not be sure of, and an admin finds the accounts whose unit ended; such an account opens on its
// unit's last day until the admin gives it its new unit.
// Runs last and alone (its own Playwright project): after it, the server's map is the two-level one.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { e2eDatabaseUrl, withE2eDb } from "./support/db";

test.describe.configure({ mode: "serial" });

const REFORM = "Sắp xếp đơn vị hành chính 01/07/2025";
const CURRENT = "hiện tại";

test("an administrator checks the reform, records it from the browser, once; the command line then finds it recorded", async ({ page }) => {
  test.setTimeout(240_000);
  const recorded = () => withE2eDb(async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_reform WHERE name = $1`, [REFORM])).rows[0]!.n);
  await signIn(page, "quantri");
  await page.goto("/reform");
  await page.getByTestId("reform-record-link").click();
  await expect(page).toHaveURL(/\/reform\/record$/);
  // the demo's own earlier mergers are listed; the form offers the files that ship with the app
  await expect(page.getByTestId("reforms-list")).toContainText("Sắp xếp đơn vị hành chính cấp xã 2023–2025 (dữ liệu mẫu)");
  await expect(page.getByLabel("Tên đợt sắp xếp")).toHaveValue(REFORM);
  await expect(page.getByLabel("Ngày có hiệu lực")).toHaveValue("01/07/2025");
  await expect(page.getByTestId("reform-form")).toContainText("34 tỉnh, thành phố; 3.321 đơn vị cấp xã");

  // uploading without files is refused on the fields, in Vietnamese
  await page.getByLabel("Tải lên ba tệp CSV").check();
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  await expect(page.getByTestId("reform-error")).toContainText("Cần đủ ba tệp CSV hợp lệ.");
  await expect(page.getByTestId("reform-form")).toContainText("Chưa chọn tệp.");

  // the check runs the whole reform and writes nothing
  await page.getByLabel("Tệp có sẵn trong ứng dụng").check();
  await page.getByRole("button", { name: "Kiểm tra (chưa ghi)" }).click();
  const status = page.getByTestId("reform-status");
  await expect(status).toContainText("Kiểm tra xong", { timeout: 90_000 });
  const summary = page.getByTestId("reform-result").getByTestId("reform-summary");
  await expect(summary).toContainText("52 kết thúc, 11 giữ nguyên, 23 mới");
  await expect(summary).toContainText("696 kết thúc");
  expect(await recorded()).toBe(0);

  await page.getByTestId("reform-commit").click();
  await expect(status).toContainText(`Đã ghi nhận “${REFORM}”, hiệu lực từ 01/07/2025.`, { timeout: 90_000 });
  expect(await recorded()).toBe(1);
  // the demo's district and Kon Tum accounts, and any district account earlier tests made
  const ended = await withE2eDb(async (c) =>
    (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user u JOIN unit un ON un.id = u.unit_id WHERE NOT u.disabled AND un.valid_to = '2025-07-01'`)).rows[0]!.n,
  );
  expect(ended).toBeGreaterThanOrEqual(3);
  await expect(summary.getByRole("row", { name: /Tài khoản gắn với đơn vị kết thúc/ })).toContainText(String(ended));
  await expect(page.getByTestId("reform-result").getByRole("link", { name: `${ended} tài khoản gắn với đơn vị đã kết thúc: gán lại hoặc khóa` })).toBeVisible();
  await expect(page.getByTestId("reforms-list")).toContainText(REFORM);

  // the operator's command on the same files: already recorded, nothing changes
  const cli = execFileSync("npx", ["tsx", "--tsconfig", "scripts/tsconfig.json", "scripts/units-reform.ts"], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(cli).toContain(`"${REFORM}" đã được ghi trước đây; không có gì thay đổi.`);
  expect(await recorded()).toBe(1);
});

test("the ministry sees 63 provinces on 30/06/2025 and 34 on 01/07/2025, with the same officers", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/?asOf=2025-06-30");
  const provinces = page.getByTestId("children-table").locator("tbody tr");
  await expect(provinces).toHaveCount(63);
  const before = await page.getByTestId("figure-officers-value").textContent();
  await page.goto("/?asOf=2025-07-01");
  await expect(provinces).toHaveCount(34);
  await expect(page.getByTestId("children-table")).toContainText("Tỉnh Tuyên Quang");
  await expect(page.getByTestId("children-table")).not.toContainText("Tỉnh Hà Giang");
  expect(await page.getByTestId("figure-officers-value").textContent()).toBe(before);
});

test("a merged province: the new Tuyên Quang names what formed it, its history runs through the reform, and the old Hà Giang says where it went", async ({ page }) => {
  await signIn(page, "bo.vanphong");
  await page.goto("/units/08?asOf=2025-07-01");
  await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Tuyên Quang");
  const preds = page.getByTestId("predecessors");
  await expect(preds).toContainText("Hình thành ngày 01/07/2025 từ");
  await expect(preds.getByRole("link", { name: /Tỉnh Hà Giang/ })).toBeVisible();
  // the over-time chart is drawn on the footprint before the reform, and marks it
  await expect(page.getByTestId("series-markers")).toContainText("Sắp xếp đơn vị hành chính 01/07/2025 (bản đồ thay đổi");
  // children after the reform are communes, straight under the province, and the figures speak of the commune level
  await expect(page.getByRole("heading", { name: "Theo xã, phường, đặc khu" })).toBeVisible();
  await expect(page.getByText("Đơn vị cấp xã đã bố trí Công an chính quy")).toBeVisible();
  await expect(page.getByTestId("children-table")).not.toContainText("Huyện");
  await preds.getByRole("link", { name: /Tỉnh Hà Giang/ }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("Tỉnh Hà Giang");
  await expect(page.getByTestId("successors")).toContainText("Tỉnh Tuyên Quang");
  await expect(page.getByRole("heading", { name: "Theo đơn vị cấp huyện" })).toBeVisible();
  await expect(page.getByText("Xã, thị trấn đã bố trí Công an chính quy")).toBeVisible();
  await expect(page.getByTestId("children-table")).toContainText("Huyện");
});

test("the province reviews a placement; an admin finds the accounts whose unit ended", async ({ page, browser }) => {
  await signIn(page, "tinh.nghean");
  await page.goto("/");
  await expect(page.getByTestId("placements-banner")).toContainText("cần rà soát");
  await page.getByTestId("placements-banner").getByRole("link").click();
  await expect(page).toHaveURL(/\/reform$/);
  const count = page.getByTestId("placements-count");
  const n = Number((await count.textContent())!.replace(/\D/g, ""));
  expect(n).toBeGreaterThan(0);
  const row = page.getByTestId("placements-table").locator("tbody tr").first();
  await row.getByRole("button", { name: "Xác nhận" }).click();
  await expect(count).toContainText(new Intl.NumberFormat("vi-VN").format(n - 1));

  // a former chief carried as deputy is made the chief of the new commune, after a confirmation
  await page.goto("/reform?status=open&reason=CHIEF");
  const chiefRow = page.getByTestId("placements-table").locator("tbody tr").first();
  const officer = chiefRow.getByRole("link").first();
  const name = (await officer.textContent())!.trim();
  const open = Number((await count.textContent())!.replace(/\D/g, ""));
  page.once("dialog", (d) => void d.accept());
  await chiefRow.getByRole("button", { name: "Giao làm Trưởng" }).click();
  await expect(count).toContainText(new Intl.NumberFormat("vi-VN").format(open - 1));
  await page.goto("/reform?status=reviewed&reason=CHIEF");
  await expect(page.getByTestId("placements-table")).toContainText(name);
  await page.getByTestId("placements-table").getByRole("link", { name, exact: true }).first().click();
  // the post carried on 01/07/2025, still running, is now the chief's
  const current = page.getByTestId("assignment-history").locator("tbody tr").filter({ hasText: CURRENT }).filter({ hasText: "01/07/2025" });
  await expect(current).toHaveCount(1);
  await expect(current.locator("td").first()).toHaveText("Trưởng Công an xã");

  const admin = await browser.newPage();
  await signIn(admin, "quantri");
  await admin.goto("/users");
  const banner = admin.getByTestId("users-unit-ended");
  await expect(banner).toContainText("tài khoản đang hoạt động gắn với đơn vị đã kết thúc");
  const listed = Number((await banner.textContent())!.match(/^([\d.]+) tài khoản/)![1]!.replace(/\./g, ""));
  await banner.getByRole("link").click();
  const users = admin.getByTestId("users-table").locator("tbody tr");
  await expect(users).toHaveCount(listed);
  for (const u of ["huyen.kyson", "huyen.quynhluu", "tinh.kontum"]) await expect(admin.getByTestId("users-table").getByRole("link", { name: u, exact: true })).toBeVisible();
  await expect(admin.getByTestId("users-table")).toContainText("Nay thuộc: Tỉnh Quảng Ngãi (51)");
  await admin.close();
});

test("an account whose unit ended opens on the unit's last day and says so; an admin gives it its new unit", async ({ page, browser }) => {
  // the district of Kỳ Sơn was dissolved: its account reaches the district as it was on 30/06/2025, and nothing after
  await signIn(page, "huyen.kyson");
  await page.goto("/");
  await expect(page).toHaveURL(/\/\?asOf=2025-06-30$/);
  await expect(page.getByTestId("unit-ended-banner")).toHaveText(/^Huyện Kỳ Sơn đã kết thúc từ ngày 01\/07\/2025 do sắp xếp đơn vị hành chính\./);
  await expect(page.getByTestId("unit-title")).toHaveText("Huyện Kỳ Sơn");
  await expect(page.getByTestId("children-table").locator("tbody tr")).toHaveCount(21);

  // Kon Tum went into Quảng Ngãi: the admin's form does not offer the old code again, and takes the new one
  const admin = await browser.newPage();
  await signIn(admin, "quantri");
  await admin.goto("/users?status=unitEnded");
  await admin.getByTestId("users-table").getByRole("link", { name: "tinh.kontum", exact: true }).click();
  await expect(admin.getByTestId("user-unit-ended")).toContainText("Đơn vị cũ của tài khoản (mã 62) đã kết thúc từ ngày 01/07/2025");
  const unitField = admin.getByTestId("edit-user-form").getByLabel(/Mã đơn vị/);
  await expect(unitField).toHaveValue("");
  await admin.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(admin.locator("#eu-unitCode-error")).toContainText("cần mã đơn vị");
  await unitField.fill("51");
  await admin.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(admin.getByTestId("user-unit-ended")).toHaveCount(0);
  await expect(unitField).toHaveValue("51");
  await admin.close();

  const kontum = await browser.newPage();
  await signIn(kontum, "tinh.kontum");
  await kontum.goto("/");
  await expect(kontum).toHaveURL(/\/$/);
  await expect(kontum.getByTestId("unit-title")).toHaveText("Tỉnh Quảng Ngãi");
  await expect(kontum.getByTestId("unit-ended-banner")).toHaveCount(0);
  await kontum.close();
});
