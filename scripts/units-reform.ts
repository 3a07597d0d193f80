// npm run units:reform -- [<folder>] [--name <tên>] [--date yyyy-mm-dd] [--user <tên đăng nhập>]
// Records a reform of the administrative map from its files (default: prisma/data, the 1 July 2025 reform:
// vn-admin-units-2025-two-level.csv, vn-admin-reform-2025-mapping.csv, vn-admin-reform-2025-provinces.csv).
// All or nothing, once: running it again with the same files changes nothing. See lib/units/reform.ts.
import path from "node:path";
import pg from "pg";
import type { IsoDate } from "@/lib/dates";
import { migrate } from "@/lib/db/migrate";
import { applyReform, ReformError } from "@/lib/units/reform";
import { parseReformFiles, readReformFiles, REFORM_2025, ReformProblems } from "@/lib/units/reform-files";
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const opt = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const dir = args.find((a, i) => !a.startsWith("--") && !["--name", "--date", "--user"].includes(args[i - 1] ?? "")) ?? path.join(process.cwd(), "prisma", "data");
const name = opt("--name") ?? REFORM_2025.name;
const date = opt("--date") ?? REFORM_2025.effectiveOn;
const username = opt("--user");
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  console.error("Cách dùng: npm run units:reform -- [thư mục] [--name <tên>] [--date yyyy-mm-dd] [--user <tên đăng nhập>]");
  process.exit(2);
}

const db = await resolveDatabase(() => {});
const client = new pg.Client({ connectionString: db.url });
let code = 0;
try {
  await migrate(db.url); // a database from before the reform tables: bring its schema up first
  await client.connect();
  const input = parseReformFiles(readReformFiles(dir), name, date as IsoDate);
  let actorId: number | null = null;
  if (username) {
    const u = await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1 AND role = 'ADMIN' AND NOT disabled`, [username.toLowerCase()]);
    if (!u.rows[0]) throw new ReformError([`Không có tài khoản quản trị "${username}".`]);
    actorId = u.rows[0].id;
  }
  const started = Date.now();
  const result = await applyReform(client, input, { actorId, onStep: (s) => void process.stderr.write(`${s}… `) });
  process.stderr.write("\n");
  const s = result.summary;
  console.log(result.status === "applied" ? `Đã ghi "${name}" (hiệu lực ${date}) trong ${((Date.now() - started) / 1000).toFixed(1)} s.` : `"${name}" đã được ghi trước đây; không có gì thay đổi.`);
  console.log(`Tỉnh: ${s.provinces.ended} kết thúc, ${s.provinces.continued} giữ nguyên, ${s.provinces.started} mới. Huyện: ${s.districtsEnded} kết thúc.`);
  console.log(`Xã: ${s.communes.ended} kết thúc, ${s.communes.continued} giữ nguyên, ${s.communes.started} mới.`);
  console.log(`Cán bộ: ${s.assignments.carried} chuyển sang đơn vị mới, ${s.assignments.moved} ghi sau ngày hiệu lực được chuyển, ${s.assignments.toReview} cần tỉnh xem lại.`);
  console.log(`Cấp ủy: ${s.memberships.carried} chuyển, ${s.memberships.moved} ghi sau ngày hiệu lực. Chi bộ: ${s.cellLinks} liên kết mới. Thiết lập xã: ${s.settings}.`);
  if (s.usersOutOfScope) console.log(`${s.usersOutOfScope} tài khoản gắn với đơn vị đã kết thúc: quản trị viên cần gán lại hoặc khóa.`);
} catch (err) {
  console.error(err instanceof ReformProblems ? err.message : `Lỗi: ${(err as Error).message}`);
  code = 1;
} finally {
  await client.end().catch(() => {});
  await db.stop();
}
process.exit(code);
