// Party cells and committee seats through the action path, and the figures that follow them.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/scoped";
import type { Viewer } from "@/lib/auth/session";
import { computeCoverage } from "@/lib/coverage/queries";
import { addDays, todayInVietnam } from "@/lib/dates";
import { AddMembershipSchema, ChangeSecretarySchema, DissolveCellSchema, EndMembershipSchema, EstablishCellSchema } from "@/lib/party/schemas";
import * as party from "@/lib/party/service";
import { withTestDatabase } from "../support/db";
import { viewerOf } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
let kySon: Viewer, quynhLuu: Viewer;
let commune: number, cellId: number, chief: number;
const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const today = () => todayInVietnam();

beforeAll(async () => {
  kySon = await viewerOf(db.client(), "DISTRICT", "417");
  quynhLuu = await viewerOf(db.client(), "DISTRICT", "421");
  const r = (await db.client().query(`
    SELECT pcc.commune_id, pcc.cell_id, a.officer_id FROM party_cell_commune pcc
    JOIN unit_version v ON v.unit_id = pcc.commune_id AND v.valid_to IS NULL JOIN unit d ON d.id = v.parent_id
    JOIN assignment a ON a.commune_id = pcc.commune_id AND a.post = 'CHIEF' AND a.end_date IS NULL
    WHERE d.code = '417' ORDER BY pcc.commune_id LIMIT 1`)).rows[0];
  [commune, cellId, chief] = [r.commune_id, r.cell_id, r.officer_id];
});

describe("party cells", () => {
  it("a non-police secretary from a date: the 'secretary is police' figure drops from that date only", async () => {
    const version = (await db.client().query(`SELECT version FROM party_cell WHERE id = $1`, [cellId])).rows[0].version;
    const before = (await computeCoverage(commune, today())).total.secretariesPolice;
    expect(before).toBe(1);
    const r = await runAction(kySon, ChangeSecretarySchema, "write:staffing", party.changeSecretary, form({ cellId, version, date: today(), secretaryName: "Hà Văn Dân" }));
    expect(r).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, today())).total.secretariesPolice).toBe(0);
    expect((await computeCoverage(commune, addDays(today(), -1))).total.secretariesPolice).toBe(1);
    // exactly one of officer or named person
    expect(await runAction(kySon, ChangeSecretarySchema, "write:staffing", party.changeSecretary, form({ cellId, version: version + 1, date: today(), secretaryName: "A", secretaryOfficerId: chief })))
      .toMatchObject({ ok: false, fieldErrors: { secretaryOfficerId: [expect.any(String)] } });
    // another district cannot touch the cell
    expect(await runAction(quynhLuu, ChangeSecretarySchema, "write:staffing", party.changeSecretary, form({ cellId, version: version + 1, date: today(), secretaryOfficerId: chief })))
      .toMatchObject({ ok: false, notFound: true });
  });

  it("dissolving ends the cell and its secretary; a new cell can then be established, only one active at a time", async () => {
    const version = (await db.client().query(`SELECT version FROM party_cell WHERE id = $1`, [cellId])).rows[0].version;
    const when = addDays(today(), 2);
    expect(await runAction(kySon, EstablishCellSchema, "write:staffing", party.establishCell, form({ communeId: commune, establishedOn: today(), secretaryOfficerId: chief })))
      .toMatchObject({ ok: false, conflict: true });
    expect(await runAction(kySon, DissolveCellSchema, "write:staffing", party.dissolveCell, form({ cellId, version, date: when }))).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, when)).total.partyCells).toBe(0);
    const est = await runAction(kySon, EstablishCellSchema, "write:staffing", party.establishCell, form({ communeId: commune, establishedOn: when, secretaryOfficerId: chief }));
    expect(est).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, when)).total).toMatchObject({ partyCells: 1, secretariesPolice: 1 });
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'party_cell' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(["secretary", "dissolve", "create"]);
  });

  it("committee seats: added and ended on dates, counted while active", async () => {
    // the demo gives committee seats to chiefs only; the deputy has none
    const deputy = (await db.client().query(`SELECT officer_id FROM assignment WHERE commune_id = $1 AND post = 'DEPUTY_CHIEF' AND end_date IS NULL LIMIT 1`, [commune])).rows[0].officer_id;
    const before = (await computeCoverage(commune, today())).total.standingMembers;
    const add = await runAction(kySon, AddMembershipSchema, "write:staffing", party.addMembership, form({ communeId: commune, officerId: deputy, committee: "STANDING", startDate: today() }));
    expect(add).toMatchObject({ ok: true });
    // a second overlapping seat on the same committee is refused by the database's rule
    expect((await runAction(kySon, AddMembershipSchema, "write:staffing", party.addMembership, form({ communeId: commune, officerId: deputy, committee: "STANDING", startDate: today() })))).toMatchObject({
      ok: false,
      message: "Cán bộ này đã tham gia cấp ủy này trong khoảng thời gian đó.",
    });
    expect((await computeCoverage(commune, today())).total.standingMembers).toBe(before + 1);
    const id = (add as { data: { membershipId: number } }).data.membershipId;
    expect(await runAction(kySon, EndMembershipSchema, "write:staffing", party.endMembership, form({ membershipId: id, date: addDays(today(), 1) }))).toMatchObject({ ok: true });
    expect((await computeCoverage(commune, addDays(today(), 1))).total.standingMembers).toBe(before);
    expect(await runAction(quynhLuu, EndMembershipSchema, "write:staffing", party.endMembership, form({ membershipId: id, date: addDays(today(), 2) }))).toMatchObject({ ok: false, notFound: true });
  });
});
