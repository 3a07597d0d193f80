// DATABASE_READ_URL: the figures (and the data version they are cached under) are read from the replica;
// the primary is untouched by those reads. Here the "replica" is a second database with the same data —
// a change made only on the primary is not in the figures until the replica has it too, as with a real
// streaming replica that lags.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { computeCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { resetEnvForTests } from "@/lib/env";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";
import { disconnectDb } from "@/lib/db";

const db = withTestDatabase("tmpl_demo");
const name = `t_replica_${process.pid}`;
let replica: pg.Client;
const asOf = "2021-04-23" as IsoDate;

const endOne = (c: pg.Client) =>
  c.query(`UPDATE assignment SET end_date = '2021-04-01', end_reason = 'OTHER'
           WHERE id = (SELECT id FROM assignment WHERE post = 'OFFICER' AND start_date < '2021-04-01' AND end_date IS NULL ORDER BY id LIMIT 1)`);

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "tmpl_demo"`);
  await admin.end();
  const u = new URL(inject("adminUrl"));
  u.pathname = `/${name}`;
  process.env.DATABASE_READ_URL = u.toString();
  resetEnvForTests();
  replica = new pg.Client({ connectionString: u.toString() });
  await replica.connect();
});

afterAll(async () => {
  await replica.end();
  await disconnectDb();
  delete process.env.DATABASE_READ_URL;
  resetEnvForTests();
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("DATABASE_READ_URL", () => {
  it("reads the figures from the replica, and serves a change once the replica has it", async () => {
    const nation = await computeCoverage(null, asOf);
    await endOne(db.client()); // the primary only
    expect((await computeCoverage(null, asOf)).total.officers).toBe(nation.total.officers);
    await endOne(replica); // the replica catches up
    expect((await computeCoverage(null, asOf)).total.officers).toBe(nation.total.officers - 1);
    // a unit's figures come from the same place
    const kontum = await unitId(db.client(), "62");
    expect((await computeCoverage(kontum, asOf)).total.inProgramme).toBeGreaterThan(0);
  });
});
