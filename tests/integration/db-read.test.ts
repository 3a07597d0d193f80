// readRows: the figures' statements run straight on the pool (lib/db.ts, ADR 0017). Their callers were
// written against Prisma's $queryRaw, so the rows must be the same values, type for type; a statement marked
// PREPARED is prepared once per connection and gives the same rows for every value it is run with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb, Prisma, PREPARED, readRows } from "@/lib/db";
import { withTestDatabase } from "../support/db";

const db = withTestDatabase("tmpl_demo");

// the server's own time zone must not shift a date (pg reads a date as local midnight)
const tz = process.env.TZ;
beforeAll(() => void (process.env.TZ = "Asia/Ho_Chi_Minh"));
afterAll(() => void (tz === undefined ? delete process.env.TZ : (process.env.TZ = tz)));

// one row of every type a figure returns, and the ones pg and Prisma would otherwise read differently
const everyType = (prepared: boolean, d: string, n: number, codes: string[], at: Date | null) => Prisma.sql`${prepared ? Prisma.raw(PREPARED) : Prisma.empty}
  SELECT ${n}::int2 AS i2, ${n}::int AS i4, (${n}::bigint * 10000000000) AS i8, ${n}::numeric / 3 AS num, sum(${n}::int) AS sum_int,
         true AS yes, NULL::boolean AS unknown, 'Kỳ Sơn' AS text, ${codes}::text[] AS texts, ARRAY[1, 2, ${n}] AS ints,
         ARRAY[${n}::bigint, 2] AS bigints, ${d}::date AS day, ARRAY[${d}::date, NULL] AS days,
         ${at}::timestamptz AS at, ${d}::timestamp + interval '7 hours 30 minutes' AS local_at,
         'COMMUNE'::"UnitLevel" AS level, ARRAY['XA', 'PHUONG']::"UnitType"[] AS types,
         json_build_object('a', ${n}::int) AS obj, jsonb_build_array(${d}::text, 1) AS arr, (${d}::date - '2021-01-01'::date) AS days_between,
         (SELECT count(*) FROM unit WHERE code = ANY (${codes}::text[])) AS found`;

describe("readRows", () => {
  it("gives the same values as Prisma's $queryRaw, for every type and parameter the figures use", async () => {
    for (const prepared of [false, true]) {
      for (const args of [
        ["2021-04-23", 7, ["417", "40"], new Date("2026-11-20T03:04:05.678Z")],
        ["2026-02-28", -3, [], null],
      ] as const) {
        const sql = everyType(prepared, args[0], args[1], [...args[2]], args[3]);
        const viaPrisma = await getDb().$queryRaw<Record<string, unknown>[]>(sql);
        const direct = await readRows<Record<string, unknown>>(sql);
        expect(direct).toEqual(viaPrisma);
        // and the values are what the callers expect (not merely equal to Prisma's)
        expect(direct[0]).toMatchObject({ i2: args[1], i4: args[1], i8: BigInt(args[1]) * 10_000_000_000n, sum_int: BigInt(args[1]) });
        expect(direct[0]!.day).toEqual(new Date(`${args[0]}T00:00:00Z`));
        expect(direct[0]!.level).toBe("COMMUNE");
        expect(direct[0]!.types).toBe("{XA,PHUONG}"); // as Prisma gives an array of enums: its text (cast to text[] to get an array)
        expect(direct[0]!.found).toBe(BigInt(args[2].length));
        expect(direct[0]!.at).toEqual(args[3]);
      }
    }
  });

  it("runs a prepared statement again with other values, and after the data changed, with the new answer", async () => {
    const count = (code: string) =>
      readRows<{ n: number }>(Prisma.sql`${Prisma.raw(PREPARED)} SELECT count(*)::int AS n FROM unit u JOIN unit_version v ON v.unit_id = u.id
        JOIN unit p ON p.id = v.parent_id WHERE p.code = ${code} AND v.valid_to IS NULL`);
    const kySon = (await count("417"))[0]!.n;
    expect(kySon).toBeGreaterThan(0);
    expect((await count("40"))[0]!.n).not.toBe(kySon);
    for (let i = 0; i < 8; i++) expect((await count("417"))[0]!.n).toBe(kySon); // past the point where plans are cached
    await db.client().query(`UPDATE unit_version SET valid_to = CURRENT_DATE WHERE valid_to IS NULL AND unit_id = (
      SELECT v.unit_id FROM unit_version v JOIN unit p ON p.id = v.parent_id WHERE p.code = '417' AND v.valid_to IS NULL ORDER BY v.unit_id LIMIT 1)`);
    expect((await count("417"))[0]!.n).toBe(kySon - 1);
  });

  it("runs only PREPARED statements on generic plans; Prisma's and the other statements are planned for their values", async () => {
    // plan_cache_mode = force_generic_plan would give every parameterized statement a generic plan, named or not
    const mode = (prepared: boolean) => Prisma.sql`${prepared ? Prisma.raw(PREPARED) : Prisma.empty} SELECT current_setting('plan_cache_mode') AS mode, ${1}::int AS one`;
    expect(await readRows(mode(true))).toEqual([{ mode: "force_generic_plan", one: 1 }]);
    expect(await readRows(mode(false))).toEqual([{ mode: "auto", one: 1 }]);
    expect(await readRows(mode(false), { nestedLoops: false })).toEqual([{ mode: "auto", one: 1 }]);
    expect(await getDb().$queryRaw(mode(true))).toEqual([{ mode: "auto", one: 1 }]);
    expect(await getDb().$queryRaw(mode(false))).toEqual([{ mode: "auto", one: 1 }]);
  });

  it("runs a statement with nested loops off in its own read-only transaction, and the connection goes back clean", async () => {
    const setting = Prisma.sql`SELECT current_setting('enable_nestloop') AS nestloop, current_setting('transaction_read_only') AS read_only`;
    expect(await readRows(setting, { nestedLoops: false })).toEqual([{ nestloop: "off", read_only: "on" }]);
    expect(await readRows(setting)).toEqual([{ nestloop: "on", read_only: "off" }]);
    // a failing statement is rolled back and its connection can be used again
    await expect(readRows(Prisma.sql`SELECT 1 / ${0}::int AS x`, { nestedLoops: false })).rejects.toThrow(/division by zero/);
    expect(await readRows(setting)).toEqual([{ nestloop: "on", read_only: "off" }]);
    await disconnectDb();
    expect(await readRows(Prisma.sql`SELECT ${5}::int AS five`)).toEqual([{ five: 5 }]);
  });
});
