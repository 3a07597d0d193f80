// Carrying people across a change of the map: the officers, committee seats and Party cells of communes that end
// go on in their successors. Shared by a reform (lib/units/reform.ts) and a map state with known merges
// (lib/db/map.ts). No server-only imports: the seed and the command-line scripts use it too.
import type pg from "pg";

export type CarriedPeople = {
  assignments: { carried: number; moved: number; toReview: number };
  memberships: { carried: number; moved: number };
  cellLinks: number;
};

/**
 * Carries the people of ended communes into their successors on E, for the moves in the temp table reform_move
 * (old_id → new_id, split): assignments in force on the eve end on E ("reorganisation") and start again, linked, in
 * the successor; those recorded against the old commune from E on are moved; one chief per commune (the chief of
 * the predecessor that kept the code, else the lowest code, stays chief; the others come as deputies); placements
 * the province must review (split, demoted chief) are listed; every move is audited. Committee seats follow;
 * Party cells are linked to the successor. Runs inside the caller's transaction.
 */
export async function carryPeople(
  client: pg.ClientBase,
  { E, reformId, reformName, actorId, onStep }: { E: string; reformId: number; reformName: string; actorId: number | null; onStep?: (step: string) => void | Promise<void> },
): Promise<CarriedPeople> {
  // carried: serving on the eve and beyond; moved: recorded against the old commune from E on
  await client.query(
    `CREATE TEMP TABLE reform_asg ON COMMIT DROP AS
     SELECT a.id AS old_id, CASE WHEN a.start_date < $1 THEN nextval(pg_get_serial_sequence('assignment', 'id'))::int END AS new_id,
            a.start_date < $1 AS carried, a.officer_id, m.new_id AS commune_id, a.commune_id AS old_commune, a.post,
            CASE WHEN a.start_date < $1 THEN $1::date ELSE a.start_date END AS start_date, a.end_date, a.end_reason, m.split, false AS demoted
     FROM assignment a JOIN reform_move m ON m.old_id = a.commune_id
     WHERE a.end_date IS NULL OR a.end_date > $1`,
    [E],
  );
  // one chief per commune: the chief of the predecessor that kept the code (else the lowest code) stays chief
  await client.query(
    `UPDATE reform_asg r SET post = 'DEPUTY_CHIEF', demoted = true
     FROM (SELECT r2.old_id, row_number() OVER (PARTITION BY r2.commune_id ORDER BY (oc.code = nc.code) DESC, oc.code, r2.old_id) AS rn
           FROM reform_asg r2 JOIN unit oc ON oc.id = r2.old_commune JOIN unit nc ON nc.id = r2.commune_id
           WHERE r2.post = 'CHIEF') x
     WHERE r.old_id = x.old_id AND x.rn > 1`,
  );
  // …and where the successor existed before (a merger into a commune that goes on), its own chief stays chief
  await client.query(
    `UPDATE reform_asg r SET post = 'DEPUTY_CHIEF', demoted = true
     WHERE r.post = 'CHIEF' AND EXISTS (
       SELECT 1 FROM assignment a WHERE a.commune_id = r.commune_id AND a.post = 'CHIEF'
         AND a.start_date < COALESCE(r.end_date, 'infinity') AND (a.end_date IS NULL OR a.end_date > r.start_date)
         AND NOT EXISTS (SELECT 1 FROM reform_asg o WHERE o.old_id = a.id))`,
  );
  await client.query(`UPDATE assignment a SET end_date = $1, end_reason = 'REORGANISATION', version = a.version + 1 FROM reform_asg r WHERE a.id = r.old_id AND r.carried`, [E]);
  await client.query(
    `INSERT INTO assignment (id, officer_id, commune_id, post, start_date, end_date, end_reason)
     SELECT new_id, officer_id, commune_id, post, $1, end_date, end_reason FROM reform_asg WHERE carried`,
    [E],
  );
  // a later assignment that followed the old one now follows the carried one; the carried one follows the old
  await client.query(`UPDATE assignment a SET previous_id = r.new_id FROM reform_asg r WHERE r.carried AND a.previous_id = r.old_id AND a.id <> r.new_id`);
  await client.query(`UPDATE assignment a SET previous_id = r.old_id FROM reform_asg r WHERE r.carried AND a.id = r.new_id`);
  await client.query(`UPDATE assignment a SET commune_id = r.commune_id, post = r.post, version = a.version + 1 FROM reform_asg r WHERE NOT r.carried AND a.id = r.old_id`);
  await client.query(
    `INSERT INTO reform_placement (reform_id, assignment_id, predecessor_id, reason)
     SELECT $1, COALESCE(new_id, old_id), old_commune, CASE WHEN split THEN 'SPLIT' ELSE 'CHIEF' END FROM reform_asg WHERE split OR demoted`,
    [reformId],
  );
  await client.query(
    `INSERT INTO audit_log (user_id, unit_id, entity, entity_id, action, before, after)
     SELECT $1, r.commune_id, 'assignment', COALESCE(r.new_id, r.old_id)::text, 'reorganise',
            jsonb_build_object('assignmentId', r.old_id, 'communeId', r.old_commune),
            jsonb_build_object('communeId', r.commune_id, 'post', r.post, 'from', $2::date, 'reform', $3::text, 'review', r.split OR r.demoted)
     FROM reform_asg r`,
    [actorId, E, reformName],
  );
  const asg = (await client.query<{ carried: number; moved: number; review: number }>(
    `SELECT count(*) FILTER (WHERE carried)::int AS carried, count(*) FILTER (WHERE NOT carried)::int AS moved, count(*) FILTER (WHERE split OR demoted)::int AS review FROM reform_asg`,
  )).rows[0]!;

  await onStep?.("party");
  const memberships = await carryMemberships(client, E);
  const cellLinks = (
    await client.query(
      `INSERT INTO party_cell_commune (cell_id, commune_id)
       SELECT DISTINCT pcc.cell_id, m.new_id FROM party_cell_commune pcc
       JOIN reform_move m ON m.old_id = pcc.commune_id JOIN party_cell c ON c.id = pcc.cell_id
       WHERE c.dissolved_on IS NULL OR c.dissolved_on > $1
       ON CONFLICT DO NOTHING`,
      [E],
    )
  ).rowCount ?? 0;

  await client.query(`DROP TABLE reform_asg`);
  return { assignments: { carried: asg.carried, moved: asg.moved, toReview: asg.review }, memberships, cellLinks };
}

/** Committee seats in ended communes: held on the eve → end on E and start again in the successor; from E on → moved. */
async function carryMemberships(client: pg.ClientBase, E: string): Promise<{ carried: number; moved: number }> {
  await client.query(
    `CREATE TEMP TABLE reform_seat ON COMMIT DROP AS
     SELECT cm.id, cm.officer_id, m.new_id, cm.committee, cm.end_date, cm.start_date < $1 AS carried
     FROM committee_membership cm JOIN reform_move m ON m.old_id = cm.commune_id
     WHERE cm.end_date IS NULL OR cm.end_date > $1`,
    [E],
  );
  await client.query(`UPDATE committee_membership cm SET end_date = $1 FROM reform_seat s WHERE s.carried AND cm.id = s.id`, [E]);
  await client.query(`INSERT INTO committee_membership (officer_id, commune_id, committee, start_date, end_date) SELECT officer_id, new_id, committee, $1, end_date FROM reform_seat WHERE carried`, [E]);
  await client.query(`UPDATE committee_membership cm SET commune_id = s.new_id FROM reform_seat s WHERE NOT s.carried AND cm.id = s.id`);
  const r = (await client.query<{ carried: number; moved: number }>(`SELECT count(*) FILTER (WHERE carried)::int AS carried, count(*) FILTER (WHERE NOT carried)::int AS moved FROM reform_seat`)).rows[0]!;
  await client.query(`DROP TABLE reform_seat`);
  return r;
}

