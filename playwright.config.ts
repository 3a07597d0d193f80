import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2eServerPidFile } from "./tests/e2e/support/db-file";

// Debian's Chromium on CI and these machines (Playwright cannot download browsers here); CHROMIUM_PATH
// overrides; elsewhere Playwright's own browser is used.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
const browser = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1366, height: 768 },
  launchOptions: {
    executablePath: chromiumPath,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1366, height: 768 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /authz-matrix|two-factor-policy|hostile-input|db-restart|reform\.spec/,
      use: browser,
    },
    // The authorization matrix writes as every role (it proves that allowed actions really run), so it
    // runs after the browser tests, whose figures it would otherwise disturb. It needs no browser.
    // Policies that change what every user of a role may do: alone, after the browser tests.
    {
      name: "policy",
      testMatch: /two-factor-policy\.spec\.ts/,
      dependencies: ["chromium"],
      use: browser,
    },
    // Compares the whole database before and after each batch of hostile input: alone too.
    { name: "hostile", testMatch: /hostile-input\.spec\.ts/, dependencies: ["policy"], use: browser },
    { name: "authz", testMatch: /authz-matrix\.spec\.ts/, dependencies: ["hostile"] },
    // Restarts the server's PostgreSQL under load: last, alone, and only on a server of scripts/e2e-server.ts.
    ...(process.env.E2E_BASE_URL && !existsSync(e2eServerPidFile(port)) ? [] : [{ name: "faults", testMatch: /db-restart\.spec\.ts/, dependencies: ["authz"] }]),
    // Records the 2025 reform on the server's database (npm run units:reform): after everything else, since the
    // map is two-level from then on.
    {
      name: "reform",
      testMatch: /reform\.spec\.ts/,
      dependencies: [process.env.E2E_BASE_URL && !existsSync(e2eServerPidFile(port)) ? "authz" : "faults"],
      use: browser,
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "npx tsx --tsconfig scripts/tsconfig.json scripts/e2e-server.ts",
        url: `${baseURL}/login`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: { E2E_PORT: String(port) },
      },
});
