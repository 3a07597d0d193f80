// npm run import -- <file.xlsx|file.csv> --user <username> [--commit]   (an assignment roster or a Party-cell file)
// The same import as the web page: a dry run by default (prints what would change and every row error),
// written only with --commit and only when the whole file is clean. It acts as <username>: that user's
// unit scope applies and the audit log names them.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ImportFileError, readSpreadsheet } from "@/lib/import/read";
import { importFile, type ImportActor } from "@/lib/import/run";
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--user");
const username = args[args.indexOf("--user") + 1];
const commit = args.includes("--commit");
if (!file || !args.includes("--user") || !username) {
  console.error("Cách dùng: npm run import -- <tệp.xlsx|tệp.csv> --user <tên đăng nhập> [--commit]");
  process.exit(2);
}

const db = await resolveDatabase(() => {});
const client = new pg.Client({ connectionString: db.url });
let code = 0;
try {
  await client.connect();
  const u = await client.query<{ id: number; role: ImportActor["role"]; unit_id: number | null; disabled: boolean }>(
    `SELECT id, role, unit_id, disabled FROM app_user WHERE username = $1`,
    [username.toLowerCase()],
  );
  const user = u.rows[0];
  if (!user || user.disabled) throw new ImportFileError(`Không có tài khoản "${username}" (hoặc tài khoản đã bị khóa).`);
  const sheet = await readSpreadsheet(new Uint8Array(readFileSync(file)), path.basename(file));
  const started = Date.now();
  const report = await importFile(client, { id: user.id, role: user.role, unitId: user.unit_id }, sheet, {
    commit,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} dòng`),
  });
  process.stderr.write("\n");
  if (report.fileError) throw new ImportFileError(report.fileError);
  const verb = report.committed ? "Đã" : "Sẽ";
  console.log(`${report.totalRows} dòng, ${((Date.now() - started) / 1000).toFixed(1)} s (mã lần nhập ${report.importId})`);
  const groups = report.kind === "cells"
    ? ([["Chi bộ", report.cells], ["Bí thư", report.secretaries]] as const)
    : report.kind === "returns"
      ? ([["Báo cáo tháng", report.returns]] as const)
      : ([["Cán bộ", report.officers], ["Lượt bố trí", report.assignments]] as const);
  for (const [label, c] of groups) console.log(`${label}: ${verb.toLowerCase()} thêm ${c.created}, cập nhật ${c.updated}, không đổi ${c.unchanged}`);
  if (report.errors.length) {
    console.log(`\n${report.errors.length} lỗi; không có gì được ghi:`);
    for (const e of report.errors) console.log(`  dòng ${e.row}${e.column ? ` [${e.column}]` : ""}: ${e.message}`);
    code = 1;
  } else if (!commit) {
    console.log("\nKhông có lỗi. Chạy lại với --commit để ghi vào hệ thống.");
  } else {
    console.log("\nĐã ghi vào hệ thống.");
  }
} catch (err) {
  console.error(err instanceof ImportFileError ? err.message : `Lỗi: ${(err as Error).message}`);
  code = 1;
} finally {
  await client.end().catch(() => {});
  await db.stop();
}
process.exit(code);
