// Database faults (issue 8), on a PostgreSQL cluster of this file's own that the test restarts (a fast
// shutdown that cuts every connection, then a start on the same port), with the app's own code paths:
// the Prisma pool of the actions and figures, and the pg pool of the imports. Nothing is restarted on
// the app's side. The numbers printed here are the ones SECURITY.md quotes.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeCoverage } from "@/lib/coverage/queries";
import { todayInVietnam } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded";
import { TRY_AGAIN } from "@/lib/db/errors";
import { migrate } from "@/lib/db/migrate";
import { withPgClient } from "@/lib/db/pg";
import { seedDemo } from "@/lib/db/seed/demo";
import { resetEnvForTests } from "@/lib/env";
import { readCsv } from "@/lib/import/read";
import { ROSTER_COLUMNS } from "@/lib/import/roster";
import { importFile } from "@/lib/import/run";
import { CreateOfficerSchema } from "@/lib/staffing/schemas";
import * as staffing from "@/lib/staffing/service";
import { disconnectDb } from "@/lib/db";

let server: RunningPostgres;
let dir: string;
let url: string;
let kySon: Viewer;
let communes: { id: number; code: string }[];

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "congan-faults-"));
  chmodSync(dir, 0o755);
  server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), persistent: true, fast: true });
  await ensureDatabase(server.url(), "faults");
  url = server.url("faults");
  await migrate(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await seedDemo(c, { throughReform: false }); // Kỳ Sơn's communes on the three-level map
  await c.end();
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "test-secret-at-least-16-chars";
  process.env.DATABASE_POOL_MAX = "4";
  process.env.DATABASE_POOL_TIMEOUT_MS = "1500";
  process.env.FIGURE_CACHE_ENTRIES = "0"; // every read goes to the database
  resetEnvForTests();
  const unit = (await sql<{ id: number }>(`SELECT id FROM unit WHERE code = '417'`))[0]!;
  kySon = { id: -2, username: "t.417", displayName: "417", role: "DISTRICT", unitId: unit.id, unitCode: "417" };
  communes = await sql(`SELECT u.id, u.code FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL WHERE v.parent_id = $1 AND u.level = 'COMMUNE' ORDER BY u.code`, [unit.id]);
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  const g = globalThis as unknown as { pgPool?: pg.Pool };
  await g.pgPool?.end();
  g.pgPool = undefined;
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.DATABASE_POOL_MAX;
  delete process.env.DATABASE_POOL_TIMEOUT_MS;
  delete process.env.FIGURE_CACHE_ENTRIES;
});

const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
let serial = 0;
const createOfficer = (number: string) =>
  runAction(kySon, CreateOfficerSchema, "write:staffing", staffing.createOfficer, form({
    officerNumber: number, fullName: "Nguyễn Văn Bền", rank: "THIEU_UY", gender: "MALE",
    communeId: communes[serial++ % communes.length]!.id, post: "OFFICER", startDate: todayInVietnam(),
  }));

describe("PostgreSQL restarted while the app serves", () => {
  it("requests fail cleanly during the outage, the app recovers by itself, and no accepted write is lost", async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    let reads = 0;
    let readErrors = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const number = `FLT${w}${String(i).padStart(5, "0")}`;
        const r = await createOfficer(number);
        if (r.ok) accepted.push(number);
        else refused.push(r.message);
        try {
          await computeCoverage(kySon.unitId, todayInVietnam());
          reads++;
        } catch {
          readErrors++;
        }
      }
    };
    const workers = [0, 1, 2].map(worker);
    await new Promise((r) => setTimeout(r, 1500));
    const before = accepted.length;
    const restartStarted = Date.now();
    await server.restart();
    const outageMs = Date.now() - restartStarted;
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(workers);

    const inDb = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM officer WHERE officer_number = ANY($1)`, [accepted]);
    console.log(`[faults] restart while serving: ${accepted.length + refused.length} writes (${accepted.length} accepted, ${refused.length} refused), ${reads + readErrors} reads (${readErrors} failed), outage ${outageMs} ms, accepted writes missing afterwards: ${accepted.length - inDb[0]!.n}`);
    expect(before).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(before); // writes resumed after the restart
    expect(inDb[0]!.n).toBe(accepted.length); // writes lost = 0
    // a refusal during the outage says what happened, in Vietnamese; nothing else went wrong
    expect(new Set(refused)).toEqual(refused.length ? new Set([TRY_AGAIN]) : new Set());
    // and the app works again without restarting
    expect(await createOfficer("FLTAFTER01")).toMatchObject({ ok: true });
    expect((await computeCoverage(kySon.unitId, todayInVietnam())).children.length).toBeGreaterThan(0);
  });
});

describe("PostgreSQL restarted during an import", () => {
  function roster(prefix: string, n: number) {
    const header = ROSTER_COLUMNS.map((c) => c.header).join(";");
    const lines = Array.from({ length: n }, (_, i) =>
      [`${prefix}${String(i).padStart(5, "0")}`, "Trần Thị Nhập", "Thiếu úy", "Nữ", "01/01/1995", "Kinh", "Không", "", communes[i % communes.length]!.code, "Cán bộ Công an xã", "01/06/2024", "", ""].join(";"),
    );
    return readCsv(new TextEncoder().encode(`\uFEFF${header}\r\n${lines.join("\r\n")}\r\n`));
  }
  const actor = () => ({ id: kySon.id, role: kySon.role, unitId: kySon.unitId });
  const imported = async (prefix: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM officer WHERE officer_number LIKE $1`, [`${prefix}%`]))[0]!.n;

  it("the import is all or nothing; the same file imports fully once the database is back", async () => {
    const sheet = roster("IMP", 3000);
    let restarting: Promise<void> | null = null;
    const outcome = await withPgClient((client) =>
      importFile(client, actor(), sheet, {
        commit: true,
        onProgress: (done, total) => {
          if (!restarting && done >= total * 0.3) restarting = server.restart();
        },
      }),
    ).then(() => "finished", (err: Error) => `failed: ${err.message}`);
    await restarting;
    console.log(`[faults] restart during an import of 3000 rows: ${outcome.slice(0, 80)}; rows written: ${await imported("IMP")}`);
    expect(restarting).not.toBeNull();
    expect(outcome).toMatch(/^failed/);
    expect(await imported("IMP")).toBe(0);

    const again = await withPgClient((client) => importFile(client, actor(), sheet, { commit: true }));
    expect(again).toMatchObject({ committed: true });
    expect(await imported("IMP")).toBe(3000);
  });
});

describe("connection pool exhausted", () => {
  it("a request that cannot get a connection is told to try again instead of waiting forever, and the next one works", async () => {
    const db = getDb();
    // hold every connection of the pool (4) for 4 seconds
    const holders = Array.from({ length: 4 }, () => db.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(4)::text AS slept`, { timeout: 10_000 }));
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const r = await createOfficer("FLTPOOL01");
    const waited = Date.now() - started;
    console.log(`[faults] pool exhausted: answered after ${waited} ms (timeout 1500 ms): ${r.ok ? "ok" : r.message}`);
    expect(r).toMatchObject({ ok: false, message: TRY_AGAIN, retry: true });
    expect(waited).toBeLessThan(4000); // before any connection was free again: it did not queue behind them
    const held = await Promise.allSettled(holders);
    expect(held.filter((h) => h.status === "rejected").map((h) => String((h as PromiseRejectedResult).reason).slice(0, 300))).toEqual([]);
    expect(await createOfficer("FLTPOOL02")).toMatchObject({ ok: true });
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM officer WHERE officer_number = 'FLTPOOL01'`))[0]!.n).toBe(0);
  });
});
