// Rules the database itself enforces, whatever code writes to it.
import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../support/db";
import { Fixture } from "../support/fixtures";

const db = withTestDatabase("tmpl_empty");
let fx: Fixture;

beforeAll(async () => {
  fx = new Fixture(db.client());
  await fx.unit("92", "PROVINCE", [{ name: "Tỉnh Ràng Buộc", type: "TINH" }]);
  await fx.unit("921", "DISTRICT", [{ name: "Huyện R", type: "HUYEN", parent: "92" }]);
  await fx.unit("92001", "COMMUNE", [{ name: "Xã R1", type: "XA", parent: "921" }]);
  await fx.unit("92002", "COMMUNE", [{ name: "Xã R2", type: "XA", parent: "921" }]);
});

const fails = (p: Promise<unknown>, constraint: RegExp) => expect(p).rejects.toThrow(constraint);

describe("database constraints", () => {
  it("an officer never holds two posts on the same day, but may transfer on a day", async () => {
    const o = await fx.officer("C1");
    await fx.assign(o, "92001", "2020-01-01", "2020-06-01");
    await fails(fx.assign(o, "92002", "2020-05-01"), /assignment_officer_no_overlap/);
    await fails(fx.assign(o, "92002", "2019-01-01"), /assignment_officer_no_overlap/); // open-ended before → overlaps
    await expect(fx.assign(o, "92002", "2020-06-01")).resolves.toBeGreaterThan(0); // transfer: old end = new start
  });

  it("a commune has at most one chief at a time", async () => {
    const a = await fx.officer("C2");
    const b = await fx.officer("C3");
    await fx.assign(a, "92001", "2020-01-01", null, "CHIEF");
    await fails(fx.assign(b, "92001", "2021-01-01", null, "CHIEF"), /assignment_one_chief_per_commune/);
    await expect(fx.assign(b, "92001", "2021-01-01", null, "DEPUTY_CHIEF")).resolves.toBeGreaterThan(0);
  });

  it("an assignment ends after it starts, and an end needs a reason", async () => {
    const o = await fx.officer("C4");
    await fails(fx.assign(o, "92002", "2020-01-01", "2020-01-01"), /assignment_end_after_start/);
    await fails(
      db.client().query(`INSERT INTO assignment (officer_id, commune_id, post, start_date, end_date) VALUES ($1, $2, 'OFFICER', '2020-01-01', '2020-02-01')`, [o, fx.id("92002")]),
      /assignment_end_reason_with_end/,
    );
  });

  it("officer numbers are unique", async () => {
    await fx.officer("C5");
    await fails(fx.officer("C5"), /officer_officer_number_key/);
  });

  it("a GSO code names one unit per period; it may be reused in another period", async () => {
    await fails(db.client().query(`INSERT INTO unit (code, level) VALUES ('92001', 'COMMUNE')`), /unit_code_period_excl/);
    await db.client().query(`UPDATE unit SET valid_to = '2025-07-01' WHERE code = '92002'`);
    await expect(db.client().query(`INSERT INTO unit (code, level, valid_from) VALUES ('92002', 'COMMUNE', '2025-07-01')`)).resolves.toBeDefined();
    await fails(db.client().query(`INSERT INTO unit (code, level, valid_from) VALUES ('92002', 'COMMUNE', '2025-06-30')`), /unit_code_period_excl/);
  });

  it("a unit has one version per day", async () => {
    await fails(
      db.client().query(`INSERT INTO unit_version (unit_id, parent_id, name, type, valid_from) VALUES ($1, $2, 'Xã Trùng', 'XA', '2022-01-01')`, [
        fx.id("92001"),
        fx.id("921"),
      ]),
      /unit_version_period_excl/,
    );
  });

  it("a unit sits under the level above it: a province at the top, a district under a province, a commune under a district or a province", async () => {
    const c = db.client();
    await fx.unit("93", "PROVINCE", [{ name: "Tỉnh Cấp", type: "TINH" }]);
    await fx.unit("931", "DISTRICT", [{ name: "Huyện Cấp", type: "HUYEN", parent: "93" }]);
    const version = (code: string, parent: string | null, from: string) =>
      c.query(`INSERT INTO unit_version (unit_id, parent_id, name, type, valid_from) VALUES ($1, $2, 'Đơn vị thử', 'XA', $3)`, [
        fx.id(code),
        parent === null ? null : fx.id(parent),
        from,
      ]);
    // a commune under a commune, or under nothing
    await fx.unit("93001", "COMMUNE", []);
    await fails(version("93001", "92001", "2020-01-01"), /unit_version_parent_level/);
    await fails(version("93001", null, "2020-01-01"), /unit_version_parent_level/);
    // a district under a district; a province under a province
    await fails(c.query(`UPDATE unit_version SET parent_id = $1 WHERE unit_id = $2`, [fx.id("921"), fx.id("931")]), /unit_version_parent_level/);
    await fails(c.query(`UPDATE unit_version SET parent_id = $1 WHERE unit_id = $2`, [fx.id("92"), fx.id("93")]), /unit_version_parent_level/);
    // what the 2025 reform does: a commune moves from its district straight under the province
    await expect(version("93001", "931", "2020-01-01")).resolves.toBeDefined();
    await c.query(`UPDATE unit_version SET valid_to = '2025-07-01' WHERE unit_id = $1`, [fx.id("93001")]);
    await expect(version("93001", "93", "2025-07-01")).resolves.toBeDefined();
    // and a unit's level cannot change under its versions
    await fails(c.query(`UPDATE unit SET level = 'DISTRICT' WHERE id = $1`, [fx.id("93001")]), /unit_level_fixed/);
  });

  it("a cell has one secretary at a time, who is an officer or a named person, not both", async () => {
    const o = await fx.officer("C6");
    const cell = await fx.cell(["92001"], "2020-01-01", [{ officerId: o, from: "2020-01-01" }]);
    await fails(
      db.client().query(`INSERT INTO cell_secretary (cell_id, person_name, start_date) VALUES ($1, 'Ông B', '2020-03-01')`, [cell]),
      /cell_secretary_one_at_a_time/,
    );
    await fails(
      db.client().query(`INSERT INTO cell_secretary (cell_id, officer_id, person_name, start_date) VALUES ($1, $2, 'Ông B', '2019-01-01')`, [cell, o]),
      /cell_secretary_who/,
    );
  });

  it("district and province users belong to a unit; ministry users do not", async () => {
    await fails(
      db.client().query(`INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('x', 'h', 'X', 'DISTRICT')`),
      /app_user_unit_matches_role/,
    );
    await fails(
      db.client().query(`INSERT INTO app_user (username, password_hash, display_name, role, unit_id) VALUES ('y', 'h', 'Y', 'MINISTRY', $1)`, [fx.id("92")]),
      /app_user_unit_matches_role/,
    );
  });
});
