// One roster import with --commit, in its own process: prints wall time and peak RSS as JSON (bench only).
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { readSpreadsheet } from "@/lib/import/read";
import { importFile, type ImportActor } from "@/lib/import/run";

const [file, username] = process.argv.slice(2) as [string, string];
const started = performance.now();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const u = await client.query<{ id: number; role: ImportActor["role"]; unit_id: number | null }>(`SELECT id, role, unit_id FROM app_user WHERE username = $1`, [username]);
const user = u.rows[0]!;
const sheet = await readSpreadsheet(new Uint8Array(readFileSync(file)), path.basename(file));
const report = await importFile(client, { id: user.id, role: user.role, unitId: user.unit_id }, sheet, { commit: true });
await client.end();
if (report.kind !== "roster") throw new Error("not a roster");
console.log(JSON.stringify({
  rows: report.totalRows,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  officersCreated: report.officers.created,
  assignmentsCreated: report.assignments.created,
  errors: report.errors.length + (report.fileError ? 1 : 0),
  firstErrors: report.errors.slice(0, 3),
}));
