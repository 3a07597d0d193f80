// `npm run report` as a scheduled job runs it: a real process against a real database, writing a real file.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "report-cli-"));

async function report(...args: string[]) {
  try {
    const r = await run("npx", ["tsx", "--tsconfig", "scripts/tsconfig.json", "scripts/report.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run report", () => {
  it("writes Kon Tum's CSV as of 23/04/2019 with the pilot's totals", async () => {
    const out = path.join(dir, "kontum.csv");
    const r = await report("--user", "bo.vanphong", "--unit", "62", "--as-of", "23/04/2019", "--format", "csv", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Tỉnh Kon Tum");
    const lines = readFileSync(out, "utf8").trim().split("\r\n");
    expect(lines.at(-1)).toMatch(/^62,Tổng cộng,86,86,100,5,349,4\.1,61,60,41,22$/);
  }, 90_000);

  it("writes a PDF for a scheduled job (the national commune-level table)", async () => {
    const out = path.join(dir, "communes.pdf");
    const r = await report("--user", "bo.vanphong", "--as-of", "2019-04-23", "--detail", "communes", "--format", "pdf", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Toàn quốc, số liệu đến 2019-04-23, 10\.?599 đơn vị/);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
  }, 90_000);

  it("refuses a unit outside the user's scope, and bad arguments, with a message and an exit code", async () => {
    const out = path.join(dir, "x.xlsx");
    const outside = await report("--user", "huyen.kyson", "--unit", "62", "--format", "xlsx", "--out", out);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain("Không tìm thấy đơn vị");
    const bad = await report("--user", "bo.vanphong", "--as-of", "31/02/2019", "--format", "csv", "--out", out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Ngày số liệu không hợp lệ");
  }, 90_000);
});
