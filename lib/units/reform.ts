// Records a reform of the administrative map (the 1 July 2025 reform) in one transaction, all or nothing,
// once: the same files again are a no-op; other files under the same name are refused.
//
// On the effective date E:
//  - a unit that comes through unchanged in code and territory (one predecessor, which went whole into it and
//    had its code) continues: its version in force ends on E and a new one (new name, type, parent: the
//    province directly) starts; its officers, cells and settings stay where they are;
//  - every other unit of the old map (every district, merged or split communes and provinces) ends on E, and
//    every other unit of the new map starts on E, with its predecessors in unit_succession;
//  - officers serving in an ended commune continue in its successor: the assignment ends on E ("reorganisation")
//    and a new one starts, linked to it (previous_id) and audited. For a split commune the successor is a
//    proposal (the part that took all the population, else the one that kept the code, else the remainder),
//    listed for the province to review (reform_placement). One chief per commune: a second chief carried
//    into the same commune comes as a deputy, also for review. Committee memberships follow the same rule;
//    Party cells are linked to the successor; the programme, norm and border flag carry over as an explicit
//    commune setting from E (norms add up; a province can re-set them).
//  - nothing dated before E changes, so every figure as of a day before E is what it was.
import type pg from "pg";
import { scopeCtes } from "@/lib/coverage/sql";
import { addDays, formatDateVi } from "@/lib/dates";
import { bulkInsert, reserveIds } from "@/lib/db/bulk";
import { MAX_STAFFING_NORM } from "@/lib/staffing/schemas";
import { carryPeople, type CarriedPeople } from "./carry";
import { ReformProblems, type ReformInput, type ReformLink } from "./reform-files";
import { validOnText } from "@/lib/db/periods";

/** The files do not fit the database (or the reform was recorded from other files). */
export class ReformError extends ReformProblems {
  constructor(problems: string[]) {
    super("Không ghi được cải cách", problems);
  }
}

export type ReformSummary = {
  provinces: { ended: number; continued: number; started: number };
  districtsEnded: number;
  communes: { ended: number; continued: number; started: number };
  assignments: CarriedPeople["assignments"];
  memberships: CarriedPeople["memberships"];
  cellLinks: number;
  records: CarriedPeople["records"];
  settings: number;
  usersOutOfScope: number;
};

export type ReformResult = { status: "applied" | "already-applied"; reformId: number; summary: ReformSummary };

type OldUnit = { id: number; code: string; level: "PROVINCE" | "DISTRICT" | "COMMUNE"; name: string; parentId: number | null };

const LOCK_KEY = 725_019_2025;

export async function applyReform(
  client: pg.ClientBase,
  input: ReformInput,
  opts: { actorId?: number | null; onStep?: (step: string) => void | Promise<void>; inTransaction?: boolean } = {},
): Promise<ReformResult> {
  const step = async (s: string) => opts.onStep?.(s);
  const E = input.effectiveOn;
  const eve = addDays(E, -1);
  const eveVi = formatDateVi(eve);
  // the caller may own the transaction (the demo seed records its whole history in one)
  const tx = (sql: "BEGIN" | "COMMIT" | "ROLLBACK") => (opts.inTransaction ? Promise.resolve() : client.query(sql).then(() => undefined));
  await tx("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const existing = await client.query<{ id: number; checksum: string; summary: ReformSummary }>(`SELECT id, checksum, summary FROM unit_reform WHERE name = $1`, [input.name]);
    if (existing.rows[0]) {
      const r = existing.rows[0];
      if (r.checksum !== input.checksum) throw new ReformError([`Cải cách "${input.name}" đã được ghi từ các tệp khác; không ghi đè. Hãy đặt tên khác nếu đây là một cải cách khác.`]);
      await tx("ROLLBACK");
      return { status: "already-applied", reformId: r.id, summary: r.summary };
    }

    await step("check");
    const later = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_version WHERE valid_from >= $1`, [E]);
    if (later.rows[0]!.n > 0) throw new ReformError([`Bản đồ đã có ${later.rows[0]!.n} thay đổi có hiệu lực từ ngày ${formatDateVi(E)} trở đi; không thể ghi một đợt sắp xếp trước các thay đổi đó.`]);
    const old = (
      await client.query<OldUnit & { level: OldUnit["level"] }>(
        `SELECT u.id, u.code, u.level::text AS level, v.name, v.parent_id AS "parentId"
         FROM unit u JOIN unit_version v ON v.unit_id = u.id AND ${validOnText("v", "$1")}`,
        [eve],
      )
    ).rows;
    const byId = new Map(old.map((u) => [u.id, u]));
    const provinceOf = (u: OldUnit): OldUnit | undefined => {
      let x: OldUnit | undefined = u;
      while (x && x.level !== "PROVINCE") x = x.parentId === null ? undefined : byId.get(x.parentId);
      return x;
    };
    const oldProvinces = new Map(old.filter((u) => u.level === "PROVINCE").map((u) => [u.code, u]));
    const oldCommunes = new Map(old.filter((u) => u.level === "COMMUNE").map((u) => [u.code, u]));
    const oldDistricts = old.filter((u) => u.level === "DISTRICT");
    const districtsWithCommunes = new Set(old.filter((u) => u.level === "COMMUNE").map((u) => u.parentId));

    // what the files say must be the map on the eve of the reform
    const problems: string[] = [];
    for (const code of oldProvinces.keys()) if (!input.provinceLinks.has(code)) problems.push(`Tỉnh ${code} (${oldProvinces.get(code)!.name}) có trên bản đồ ngày ${eveVi} nhưng không có trong tệp chuyển đổi tỉnh.`);
    for (const code of input.provinceLinks.keys()) if (!oldProvinces.has(code)) problems.push(`Tỉnh cũ ${code} trong tệp chuyển đổi tỉnh không có trên bản đồ ngày ${eveVi}.`);
    const linkedOld = new Map<number, ReformLink[]>();
    for (const l of input.links) {
      let u: OldUnit | undefined;
      if (l.oldCode) {
        u = oldCommunes.get(l.oldCode);
        if (!u) {
          problems.push(`Xã cũ ${l.oldCode} (${l.oldName}) không có trên bản đồ ngày ${eveVi}.`);
          continue;
        }
        // a split commune has a row per part: one complaint about its name is enough
        if (u.name !== l.oldName && !linkedOld.has(u.id)) problems.push(`Xã cũ ${l.oldCode}: tên trên bản đồ là "${u.name}", trong tệp là "${l.oldName}".`);
      } else {
        u = oldDistricts.find((d) => (l.oldDistrictCode ? d.code === l.oldDistrictCode : d.name === l.oldName) && provinceOf(d)?.code === l.oldProvinceCode);
        if (!u) {
          problems.push(`Đơn vị cũ "${l.oldName}" (tỉnh ${l.oldProvinceCode}) không có trên bản đồ ngày ${eveVi}.`);
          continue;
        }
        if (districtsWithCommunes.has(u.id)) problems.push(`${u.name} (${u.code}) còn xã trực thuộc; chỉ huyện không có xã mới được chuyển nguyên thành một đơn vị cấp xã.`);
      }
      const prov = provinceOf(u);
      if (prov?.code !== l.oldProvinceCode) problems.push(`${u.name} (${u.code}) thuộc tỉnh ${prov?.code ?? "?"}, không phải ${l.oldProvinceCode}.`);
      linkedOld.set(u.id, [...(linkedOld.get(u.id) ?? []), l]);
    }
    for (const c of oldCommunes.values()) if (!linkedOld.has(c.id)) problems.push(`Xã ${c.code} (${c.name}) có trên bản đồ ngày ${eveVi} nhưng không có trong tệp chuyển đổi xã.`);
    for (const d of oldDistricts) if (!districtsWithCommunes.has(d.id) && !linkedOld.has(d.id)) problems.push(`${d.name} (${d.code}) không có xã và không được chuyển thành đơn vị nào.`);
    if (problems.length) throw new ReformError(problems);

    // who continues
    const predsOfProvince = new Map<string, string[]>();
    for (const [o, n] of input.provinceLinks) predsOfProvince.set(n, [...(predsOfProvince.get(n) ?? []), o]);
    const continuingProvince = new Map<string, OldUnit>(); // new code → the old unit that continues
    for (const p of input.provinces) {
      const preds = predsOfProvince.get(p.code) ?? [];
      if (preds.length === 1 && preds[0] === p.code) continuingProvince.set(p.code, oldProvinces.get(p.code)!);
    }
    const predsOfCommune = new Map<string, { unit: OldUnit; link: ReformLink }[]>();
    for (const [id, ls] of linkedOld) for (const l of ls) predsOfCommune.set(l.newCode, [...(predsOfCommune.get(l.newCode) ?? []), { unit: byId.get(id)!, link: l }]);
    const continuingCommune = new Map<string, OldUnit>();
    for (const c of input.communes) {
      const preds = predsOfCommune.get(c.code) ?? [];
      const only = preds[0];
      if (preds.length === 1 && only!.unit.level === "COMMUNE" && only!.unit.code === c.code && linkedOld.get(only!.unit.id)!.length === 1) continuingCommune.set(c.code, only!.unit);
    }
    const continuingIds = new Set([...continuingProvince.values(), ...continuingCommune.values()].map((u) => u.id));
    const ended = old.filter((u) => !continuingIds.has(u.id));

    await step("units");
    const reformId = (
      await client.query<{ id: number }>(`INSERT INTO unit_reform (name, effective_on, checksum, applied_by_id) VALUES ($1, $2, $3, $4) RETURNING id`, [input.name, E, input.checksum, opts.actorId ?? null])
    ).rows[0]!.id;
    await client.query(
      `UPDATE unit_version SET valid_to = $1 WHERE unit_id = ANY($2::int[]) AND ${validOnText("unit_version", "$3")}`,
      [E, old.map((u) => u.id), eve],
    );
    await client.query(`UPDATE unit SET valid_to = $1 WHERE id = ANY($2::int[])`, [E, ended.map((u) => u.id)]);

    const newProvinces = input.provinces.filter((p) => !continuingProvince.has(p.code));
    const newCommunes = input.communes.filter((c) => !continuingCommune.has(c.code));
    const provinceIds = await reserveIds(client, "unit", newProvinces.length);
    const communeIds = await reserveIds(client, "unit", newCommunes.length);
    const idOfProvince = new Map<string, number>([...continuingProvince].map(([code, u]) => [code, u.id]));
    newProvinces.forEach((p, i) => idOfProvince.set(p.code, provinceIds[i]!));
    const idOfCommune = new Map<string, number>([...continuingCommune].map(([code, u]) => [code, u.id]));
    newCommunes.forEach((c, i) => idOfCommune.set(c.code, communeIds[i]!));
    await bulkInsert(client, "unit", [["id", "int"], ["code", "text"], ["level", '"UnitLevel"'], ["valid_from", "date"]], [
      ...newProvinces.map((p) => [idOfProvince.get(p.code), p.code, "PROVINCE", E]),
      ...newCommunes.map((c) => [idOfCommune.get(c.code), c.code, "COMMUNE", E]),
    ]);
    await bulkInsert(client, "unit_version", [["unit_id", "int"], ["name", "text"], ["type", '"UnitType"'], ["parent_id", "int"], ["valid_from", "date"]], [
      ...input.provinces.map((p) => [idOfProvince.get(p.code), p.name, p.type, null, E]),
      ...input.communes.map((c) => [idOfCommune.get(c.code), c.name, c.type, idOfProvince.get(c.provinceCode), E]),
    ]);

    // successions, and where each ended commune's officers go
    const successions: unknown[][] = [];
    for (const p of newProvinces) for (const o of predsOfProvince.get(p.code) ?? []) successions.push([reformId, oldProvinces.get(o)!.id, idOfProvince.get(p.code), true, true, null]);
    const moves: [number, number, boolean][] = []; // old commune → proposed successor, split?
    for (const [oldId, ls] of linkedOld) {
      const u = byId.get(oldId)!;
      if (continuingIds.has(oldId)) continue;
      const proposed = ls.length === 1 ? ls[0]! : (ls.find((l) => l.population) ?? ls.find((l) => l.newCode === u.code) ?? ls.find((l) => l.remainder) ?? [...ls].sort((a, b) => a.newCode.localeCompare(b.newCode))[0]!);
      for (const l of ls) successions.push([reformId, oldId, idOfCommune.get(l.newCode), !l.split, l === proposed, l.note]);
      if (u.level === "COMMUNE") moves.push([oldId, idOfCommune.get(proposed.newCode)!, ls.length > 1]);
    }
    await bulkInsert(client, "unit_succession", [["reform_id", "int"], ["predecessor_id", "int"], ["successor_id", "int"], ["whole", "boolean"], ["proposed", "boolean"], ["note", "text"]], successions);
    await client.query(`CREATE TEMP TABLE reform_move (old_id int PRIMARY KEY, new_id int NOT NULL, split boolean NOT NULL) ON COMMIT DROP`);
    await bulkInsert(client, "reform_move", [["old_id", "int"], ["new_id", "int"], ["split", "boolean"]], moves);

    await step("assignments");
    const carried = await carryPeople(client, { E, reformId, reformName: input.name, actorId: opts.actorId ?? null, onStep: step });
    const { assignments: asg, memberships, cellLinks, records } = carried;

    await step("settings");
    const settings = await carrySettings(client, E, eve, input, idOfCommune, continuingCommune, predsOfCommune, successions);

    const usersOutOfScope = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE unit_id = ANY($1::int[]) AND NOT disabled`, [ended.map((u) => u.id)])).rows[0]!.n;
    const summary: ReformSummary = {
      provinces: { ended: oldProvinces.size - continuingProvince.size, continued: continuingProvince.size, started: newProvinces.length },
      districtsEnded: oldDistricts.length,
      communes: { ended: oldCommunes.size - continuingCommune.size, continued: continuingCommune.size, started: newCommunes.length },
      assignments: asg,
      memberships,
      cellLinks,
      records,
      settings,
      usersOutOfScope,
    };
    await client.query(`UPDATE unit_reform SET summary = $2 WHERE id = $1`, [reformId, JSON.stringify(summary)]);
    await client.query(`INSERT INTO audit_log (user_id, entity, entity_id, action, after) VALUES ($1, 'unit_reform', $2, 'create', $3)`, [
      opts.actorId ?? null,
      String(reformId),
      JSON.stringify({ name: input.name, effectiveOn: E, ...summary }),
    ]);
    await client.query(`DROP TABLE reform_move`);
    await step("commit");
    await tx("COMMIT");
    return { status: "applied", reformId, summary };
  } catch (err) {
    await tx("ROLLBACK").catch(() => {});
    throw err;
  }
}

/**
 * Every commune of the new map gets an explicit setting from E: in the programme when a predecessor was (else
 * left to the plans), the norm (continuing: its own; merged: the sum of the norms that came to it whole or as the
 * proposed part), the border flag when a predecessor had it. Settings of the old communes end on E.
 */
async function carrySettings(
  client: pg.ClientBase,
  E: string,
  eve: string,
  input: ReformInput,
  idOfCommune: Map<string, number>,
  continuingCommune: Map<string, { id: number }>,
  predsOfCommune: Map<string, { unit: { id: number }; link: ReformLink }[]>,
  successions: unknown[][],
): Promise<number> {
  const ctes = scopeCtes(null, [eve as never], "commune");
  const inProgramme = new Map(
    (await client.query<{ commune_id: number; norm: number; is_border: boolean }>(`${ctes.text} SELECT commune_id, norm, is_border FROM c`, ctes.values)).rows.map((r) => [r.commune_id, r]),
  );
  const own = new Map(
    (
      await client.query<{ commune_id: number; staffing_norm: number; is_border: boolean }>(
        `SELECT commune_id, staffing_norm, is_border FROM commune_setting WHERE ${validOnText("commune_setting", "$1")}`,
        [eve],
      )
    ).rows.map((r) => [r.commune_id, r]),
  );
  const proposedPair = new Set(successions.filter((s) => s[4] === true).map((s) => `${s[1]}→${s[2]}`));
  const rows: unknown[][] = [];
  for (const c of input.communes) {
    const id = idOfCommune.get(c.code)!;
    const preds = continuingCommune.has(c.code) ? [id] : (predsOfCommune.get(c.code) ?? []).map((p) => p.unit.id);
    const counted = continuingCommune.has(c.code) ? preds : preds.filter((p) => proposedPair.has(`${p}→${id}`));
    const inProg = preds.some((p) => inProgramme.has(p));
    // a commune formed from many in the programme would add up past the largest norm: capped, for the province to re-set
    const norm = Math.min(MAX_STAFFING_NORM, counted.reduce((sum, p) => sum + (inProgramme.get(p)?.norm ?? (continuingCommune.has(c.code) ? (own.get(p)?.staffing_norm ?? 5) : 0)), 0) || 5);
    const border = preds.some((p) => inProgramme.get(p)?.is_border ?? own.get(p)?.is_border ?? false);
    rows.push([id, E, norm, border, inProg ? true : null]);
  }
  await client.query(
    `UPDATE commune_setting SET valid_to = $1 WHERE commune_id IN (SELECT old_id FROM reform_move UNION SELECT unnest($2::int[]))
       AND (valid_from IS NULL OR valid_from < $1) AND (valid_to IS NULL OR valid_to > $1)`,
    [E, [...continuingCommune.values()].map((u) => u.id)],
  );
  await bulkInsert(client, "commune_setting", [["commune_id", "int"], ["valid_from", "date"], ["staffing_norm", "int"], ["is_border", "boolean"], ["in_programme", "boolean"]], rows);
  return rows.length;
}
