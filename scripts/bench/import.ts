// The import benchmark: a real roster file of N rows (default 60,000: 12,000 officers with five successive
// posts each in Nghệ An's communes, ended by transfer, the last one current) imported with --commit as
// Nghệ An's provincial account into a fresh database holding the map. The import runs in a child process so
// its wall time and peak memory are its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadMap } from "@/lib/db/map";
import { migrate } from "@/lib/db/migrate";
import { insertDemoUsers } from "@/lib/db/seed/demo";
import { personName } from "@/lib/db/seed/names";
import { hash, int, rng } from "@/lib/db/seed/random";
import { ROSTER_COLUMNS } from "@/lib/import/roster";
import { recreateDatabase, type BenchDatabase } from "./database";

export type ImportResult = { rows: number; seconds: number; peakRssMb: number; officersCreated: number; assignmentsCreated: number; errors: number };

const DAY = 86_400_000;
const vi = (d: number) => {
  const s = new Date(d * DAY).toISOString();
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
};

export async function benchImport(db: BenchDatabase, rows: number, log: (s: string) => void): Promise<ImportResult> {
  await recreateDatabase(db);
  await migrate(db.url, { log: () => {} });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let codes: string[];
  try {
    await loadMap(client);
    await insertDemoUsers(client);
    codes = (
      await client.query<{ code: string }>(
        `SELECT u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
         JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL
         JOIN unit p ON p.id = dv.parent_id WHERE p.code = '40' AND v.type IN ('XA', 'THI_TRAN') ORDER BY u.code`,
      )
    ).rows.map((r) => r.code);
  } finally {
    await client.end();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, "roster.csv");
  const r = rng(hash("bench:import"));
  const lines = [ROSTER_COLUMNS.map((c) => c.header).join(",")];
  const perOfficer = 5;
  for (let o = 0; lines.length - 1 < rows; o++) {
    const gender = r() < 0.9 ? "MALE" : "FEMALE";
    const name = personName(r, gender, "Kinh");
    const birth = `${String(int(r, 1, 28)).padStart(2, "0")}/0${int(r, 1, 9)}/199${int(r, 0, 9)}`;
    let day = Math.round(Date.parse("2019-07-01") / DAY) + int(r, 0, 200);
    for (let k = 0; k < perOfficer && lines.length - 1 < rows; k++) {
      const next = day + int(r, 250, 400);
      const last = k === perOfficer - 1 || lines.length === rows;
      lines.push([
        `40${String(500000 + o).padStart(6, "0")}`, name, "Thiếu úy", gender === "MALE" ? "Nam" : "Nữ", birth,
        "Kinh", "Có", "", codes[int(r, 0, codes.length - 1)]!, "Cán bộ Công an xã", vi(day), last ? "" : vi(next), last ? "" : "Điều động",
      ].join(","));
      day = next;
    }
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
  log(`roster file: ${rows} rows, ${file}`);
  try {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = spawnSync(tsx, ["--tsconfig", path.join("scripts", "tsconfig.json"), path.join("scripts", "bench", "import-child.ts"), file, "tinh.nghean"], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`bench import failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as ImportResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
