// npm run report -- --user <username> [--unit <code>] [--as-of <date>] [--compare <date>]
//                   [--detail communes] --format pdf|xlsx|csv --out <file> [--lang vi|en]
// The same report as /reports and /api/reports, for scheduled jobs. It acts as <username>: that user's unit
// scope applies (a unit outside it is "not found"); without --unit it reports the user's own scope.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import type { Viewer } from "@/lib/auth/session";
import { resolveUnitParam } from "@/lib/coverage/scope-params";
import { todayInVietnam } from "@/lib/dates";
import { i18nFor } from "@/lib/i18n";
import { reportFileStream } from "@/lib/reports/file";
import { firstIssue, ReportParamsSchema } from "@/lib/reports/params";
import { buildReport } from "@/lib/reports/report";
import { resolveDatabase } from "./lib/database";
import { disconnectDb } from "@/lib/db";

const USAGE =
  "Cách dùng: npm run report -- --user <tên đăng nhập> [--unit <mã>] [--as-of dd/mm/yyyy] [--compare dd/mm/yyyy] [--detail communes] --format pdf|xlsx|csv --out <tệp> [--lang vi|en]";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const username = option("user");
const out = option("out");
const lang = option("lang") ?? "vi";
const parsed = ReportParamsSchema.safeParse({
  unit: option("unit"),
  asOf: option("as-of") ?? todayInVietnam(),
  compare: option("compare"),
  detail: option("detail"),
  format: option("format"),
});
if (!username || !out || (lang !== "vi" && lang !== "en")) {
  console.error(USAGE);
  process.exit(2);
}
if (!parsed.success || parsed.data.format === "html") {
  console.error(parsed.success ? "Định dạng phải là pdf, xlsx hoặc csv." : firstIssue(parsed.error));
  console.error(USAGE);
  process.exit(2);
}
const p = parsed.data;

const db = await resolveDatabase(() => {});
process.env.DATABASE_URL = db.url;
// the app's env check asks for a session secret; this command signs nothing, so any value will do
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
let code = 0;
try {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const r = await client.query<{ id: number; username: string; display_name: string; role: Viewer["role"]; unit_id: number | null; code: string | null; disabled: boolean }>(
    `SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.code, u.disabled
     FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.username = $1`,
    [username.toLowerCase()],
  );
  await client.end();
  const user = r.rows[0];
  if (!user || user.disabled) throw new Error(`Không có tài khoản "${username}" (hoặc tài khoản đã bị khóa).`);
  const viewer: Viewer = { id: user.id, username: user.username, displayName: user.display_name, role: user.role, unitId: user.unit_id, unitCode: user.code };
  const unit = await resolveUnitParam(viewer, p.unit, p.asOf);
  if (unit === "notFound") throw new Error(`Không tìm thấy đơn vị "${p.unit}" trong phạm vi của tài khoản ${username}.`);
  const started = Date.now();
  const report = await buildReport(viewer, unit, p.asOf, p.compare ?? null, p.detail);
  const i18n = i18nFor(lang);
  const format = p.format as Exclude<typeof p.format, "html">;
  await pipeline(Readable.fromWeb((await reportFileStream(viewer, report, format, i18n)) as import("node:stream/web").ReadableStream), createWriteStream(out));
  console.log(`Đã ghi ${out}: ${unit?.name ?? "Toàn quốc"}, số liệu đến ${p.asOf}, ${report.children.length} đơn vị, ${Date.now() - started} ms.`);
} catch (err) {
  console.error(`Lỗi: ${(err as Error).message}`);
  code = 1;
} finally {
  await disconnectDb().catch(() => {});
  await db.stop();
}
process.exit(code);
