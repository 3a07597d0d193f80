// Carrying people across a change of the map: the officers, committee seats and Party cells of communes that end
// go on in their successors. Shared by a reform (lib/units/reform.ts) and a map state with known merges
// (lib/db/map.ts). No server-only imports: the seed and the command-line scripts use it too.
import type pg from "pg";
import { INDICATORS } from "@/lib/results/indicators";

export type CarriedRecords = {
  /** monthly returns of months from E: moved (the only one for its successor and month) or merged into one */
  returns: { moved: number; merged: number };
  /** facility records: the one in force ends with the commune; those dated from E move when unambiguous */
  facilities: { ended: number; moved: number; left: number };
  /** criteria assessments made from E: moved when unambiguous, else left on the old commune */
  assessments: { moved: number; left: number };
};

export type CarriedPeople = {
  assignments: { carried: number; moved: number; toReview: number };
  memberships: { carried: number; moved: number };
  cellLinks: number;
  records: CarriedRecords;
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
     SELECT $1, COALESCE(new_id, old_id), old_commune, CASE WHEN split THEN 'SPLIT' ELSE 'CHIEF' END FROM reform_asg WHERE split OR demoted
     -- a post recorded after both dates that an earlier reform already placed (and moved): this reform moved it
     -- again, so it is reviewed where it is now, under this reform
     ON CONFLICT (assignment_id) DO UPDATE SET reform_id = EXCLUDED.reform_id, predecessor_id = EXCLUDED.predecessor_id,
       reason = EXCLUDED.reason, reviewed_at = NULL, reviewed_by_id = NULL`,
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
  await onStep?.("records");
  const records = await carryRecords(client, { E, reformName, actorId });
  return { assignments: { carried: asg.carried, moved: asg.moved, toReview: asg.review }, memberships, cellLinks, records };
}

const STATUS_RANK = `CASE status WHEN 'APPROVED' THEN 2 WHEN 'SUBMITTED' THEN 1 ELSE 0 END`;

/**
 * What was recorded against an ended commune for a time from E on (entered before the reform was recorded):
 * - a monthly return of a month from E goes to the proposed successor. The only one for that successor and month
 *   is moved as it is, with its history. Several (or one meeting a return already there) are merged into the
 *   successor's return: figures added up, status the least advanced of them (all approved stays approved; else it
 *   must be submitted again), with a history entry naming the sources; the sources stay, untouched, on their ended
 *   commune, which no figure after E counts.
 * - the facility record in force on the eve ends on E with its commune (the new commune's headquarters is not
 *   guessed); records dated from E move to the successor when they are the only ones for it, else stay (counted);
 * - criteria assessments made from E move to the successor when they are the only ones for its set and year,
 *   else stay (counted).
 * Everything moved or merged is audited as "reorganise".
 */
async function carryRecords(client: pg.ClientBase, { E, reformName, actorId }: { E: string; reformName: string; actorId: number | null }): Promise<CarriedRecords> {
  const cols = INDICATORS.map((i) => i.column);
  await client.query(
    `CREATE TEMP TABLE reform_ret ON COMMIT DROP AS
     SELECT r.id, r.commune_id AS old_id, m.new_id, r.month, ${STATUS_RANK} AS rank, v.name AS old_name,
            count(*) OVER (PARTITION BY m.new_id, r.month) AS n,
            EXISTS (SELECT 1 FROM monthly_return x WHERE x.commune_id = m.new_id AND x.month = r.month) AS taken
     FROM monthly_return r JOIN reform_move m ON m.old_id = r.commune_id
     LEFT JOIN unit_version v ON v.unit_id = r.commune_id AND (v.valid_from IS NULL OR v.valid_from < $1::date) AND v.valid_to = $1::date
     WHERE r.month >= $1::date`,
    [E],
  );
  // the only return for its successor and month: moved, with its history
  const moved = await client.query<{ id: number; commune_id: number; old_id: number; status: string }>(
    `UPDATE monthly_return r SET commune_id = t.new_id, version = r.version + 1, updated_at = now()
     FROM reform_ret t WHERE t.id = r.id AND t.n = 1 AND NOT t.taken
     RETURNING r.id, r.commune_id, t.old_id, r.status::text AS status`,
  );
  await client.query(
    `INSERT INTO return_event (return_id, user_id, action, from_status, to_status, reason)
     SELECT id, $1, 'reorganise', status::"ReturnStatus", status::"ReturnStatus", $2 FROM unnest($3::int[], $4::text[]) AS x(id, status)`,
    [actorId, `Chuyển sang đơn vị mới theo ${reformName}`, moved.rows.map((r) => r.id), moved.rows.map((r) => r.status)],
  );
  // several for one successor and month: added up into the successor's return. Its history says when the parts
  // were all submitted (the latest first submission) and, if all were approved, when the last was: so the status
  // as of a past date and "on time" read as they would have for the combined return
  // the parts of each group are joined by key, not by "= ANY(array)": on a national dataset (~140,000 commune-months
  // to merge) the array form made the planner loop over every return once per group
  await client.query(`DELETE FROM reform_ret WHERE n = 1 AND NOT taken`);
  await client.query(`CREATE INDEX ON reform_ret (id)`);
  await client.query(`ANALYZE reform_ret`);
  const groups = await client.query<{ id: number; commune_id: number; from_status: string | null; to_status: string; sources: number[]; sub_at: Date | null; last_at: Date | null }>(
    `WITH s AS (
       SELECT g.new_id, g.month, array_agg(g.id ORDER BY g.old_id) AS ids, min(g.rank) AS rank,
              string_agg(g.old_name, ', ' ORDER BY g.old_id) AS names, ${cols.map((c) => `sum(r.${c})::int AS ${c}`).join(", ")}
       FROM reform_ret g JOIN monthly_return r ON r.id = g.id GROUP BY g.new_id, g.month
     ), t AS (
       SELECT e.new_id, e.month, max(e.sub) AS sub_at, max(e.last) AS last_at
       FROM (
         SELECT g.new_id, g.month, min(e.at) FILTER (WHERE e.to_status IN ('SUBMITTED', 'APPROVED')) AS sub, max(e.at) AS last
         FROM reform_ret g JOIN return_event e ON e.return_id = g.id GROUP BY g.new_id, g.month, g.id
       ) e GROUP BY e.new_id, e.month
     ), before AS (
       SELECT s.*, x.id AS target, x.status AS old_status, CASE x.status WHEN 'APPROVED' THEN 2 WHEN 'SUBMITTED' THEN 1 ELSE 0 END AS target_rank
       FROM s LEFT JOIN monthly_return x ON x.commune_id = s.new_id AND x.month = s.month
     ), merged AS (
       INSERT INTO monthly_return (commune_id, month, status, ${cols.join(", ")}, note)
       SELECT new_id, month,
              (CASE LEAST(rank, CASE WHEN target IS NULL THEN 2 ELSE target_rank END) WHEN 2 THEN 'APPROVED' WHEN 1 THEN 'SUBMITTED' ELSE 'DRAFT' END)::"ReturnStatus",
              ${cols.join(", ")}, 'Gộp từ báo cáo của ' || names
       FROM before
       ON CONFLICT (commune_id, month) DO UPDATE SET
         ${cols.map((c) => `${c} = monthly_return.${c} + EXCLUDED.${c}`).join(", ")},
         status = EXCLUDED.status,
         note = concat_ws(' ', monthly_return.note, EXCLUDED.note),
         version = monthly_return.version + 1, updated_at = now()
       RETURNING id, commune_id, month, status
     )
     SELECT m.id, m.commune_id, b.old_status::text AS from_status, m.status::text AS to_status, b.ids AS sources, t.sub_at, t.last_at
     FROM merged m JOIN before b ON b.new_id = m.commune_id AND b.month = m.month LEFT JOIN t ON t.new_id = m.commune_id AND t.month = m.month`,
  );
  const reason = `Gộp báo cáo tháng của các đơn vị hợp thành theo ${reformName}`;
  const events: [number, string | null, string, Date | null][] = [];
  for (const g of groups.rows) {
    if (g.to_status === "DRAFT") events.push([g.id, g.from_status, "DRAFT", g.last_at]);
    else {
      events.push([g.id, g.from_status, "SUBMITTED", g.sub_at]);
      if (g.to_status === "APPROVED") events.push([g.id, "SUBMITTED", "APPROVED", g.last_at]);
    }
  }
  await client.query(
    `INSERT INTO return_event (return_id, at, user_id, action, from_status, to_status, reason)
     SELECT id, COALESCE(at, now()), $1, 'reorganise', NULLIF(f, '')::"ReturnStatus", t::"ReturnStatus", $2
     FROM unnest($3::int[], $4::text[], $5::text[], $6::timestamptz[]) AS x(id, f, t, at)`,
    [actorId, reason, events.map((e) => e[0]), events.map((e) => e[1] ?? ""), events.map((e) => e[2]), events.map((e) => e[3])],
  );
  await client.query(
    `INSERT INTO audit_log (user_id, unit_id, entity, entity_id, action, before, after)
     SELECT $1, x.commune_id, 'monthly_return', x.id::text, 'reorganise', jsonb_build_object('returnIds', x.sources), jsonb_build_object('communeId', x.commune_id, 'reform', $2::text)
     FROM jsonb_to_recordset($3::jsonb) AS x(id int, commune_id int, sources int[])`,
    [actorId, reformName, JSON.stringify([...moved.rows.map((r) => ({ id: r.id, commune_id: r.commune_id, sources: [r.id] })), ...groups.rows.map((r) => ({ id: r.id, commune_id: r.commune_id, sources: r.sources }))])],
  );
  await client.query(`DROP TABLE reform_ret`);

  // facilities: the record in force ends with the commune; those from E on move when they are the only ones
  const facEnded = (await client.query(
    `UPDATE commune_facility f SET valid_to = $1::date, version = f.version + 1 FROM reform_move m
     WHERE m.old_id = f.commune_id AND f.valid_from < $1::date AND (f.valid_to IS NULL OR f.valid_to > $1::date)`,
    [E],
  )).rowCount ?? 0;
  const facMoved = await client.query<{ id: number; commune_id: number }>(
    `WITH rows AS (
       SELECT f.id, f.commune_id, m.new_id FROM commune_facility f JOIN reform_move m ON m.old_id = f.commune_id WHERE f.valid_from >= $1::date
     ), later AS (
       SELECT r.id, r.new_id, s.sources FROM rows r JOIN (SELECT new_id, count(DISTINCT commune_id) AS sources FROM rows GROUP BY new_id) s ON s.new_id = r.new_id
     )
     UPDATE commune_facility f SET commune_id = l.new_id, version = f.version + 1 FROM later l
     WHERE l.id = f.id AND l.sources = 1 AND NOT EXISTS (SELECT 1 FROM commune_facility x WHERE x.commune_id = l.new_id AND (x.valid_to IS NULL OR x.valid_to > $1::date))
     RETURNING f.id, f.commune_id`,
    [E],
  );
  const facLeft = (await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM commune_facility f JOIN reform_move m ON m.old_id = f.commune_id WHERE f.valid_from >= $1::date`,
    [E],
  )).rows[0]!.n;

  // assessments made from E on: moved when the only ones for the successor, set and year
  const asmMoved = await client.query<{ id: number; commune_id: number }>(
    `WITH later AS (
       SELECT a.id, m.new_id, count(*) OVER (PARTITION BY m.new_id, a.set_id, a.year) AS n,
              EXISTS (SELECT 1 FROM assessment x WHERE x.commune_id = m.new_id AND x.set_id = a.set_id AND x.year = a.year) AS taken
       FROM assessment a JOIN reform_move m ON m.old_id = a.commune_id WHERE a.assessed_on >= $1::date
     )
     UPDATE assessment a SET commune_id = l.new_id, version = a.version + 1 FROM later l WHERE l.id = a.id AND l.n = 1 AND NOT l.taken
     RETURNING a.id, a.commune_id`,
    [E],
  );
  const asmLeft = (await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assessment a JOIN reform_move m ON m.old_id = a.commune_id WHERE a.assessed_on >= $1::date`,
    [E],
  )).rows[0]!.n;
  const audit = [
    ...facMoved.rows.map((r) => ({ entity: "commune_facility", id: r.id, commune_id: r.commune_id })),
    ...asmMoved.rows.map((r) => ({ entity: "assessment", id: r.id, commune_id: r.commune_id })),
  ];
  await client.query(
    `INSERT INTO audit_log (user_id, unit_id, entity, entity_id, action, after)
     SELECT $1, x.commune_id, x.entity, x.id::text, 'reorganise', jsonb_build_object('communeId', x.commune_id, 'reform', $2::text)
     FROM jsonb_to_recordset($3::jsonb) AS x(entity text, id int, commune_id int)`,
    [actorId, reformName, JSON.stringify(audit)],
  );
  return {
    returns: { moved: moved.rowCount ?? 0, merged: groups.rowCount ?? 0 },
    facilities: { ended: facEnded, moved: facMoved.rowCount ?? 0, left: facLeft },
    assessments: { moved: asmMoved.rowCount ?? 0, left: asmLeft },
  };
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

