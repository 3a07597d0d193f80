// Small hand-built fixtures for the figure definitions, written straight into the tables so each test
// knows every row. Codes 90xxx / 9xx / 91 do not exist in the real map.
import type pg from "pg";

type Version = { name: string; type: string; parent?: string | null; from?: string | null; to?: string | null };

export class Fixture {
  readonly ids = new Map<string, number>();
  constructor(private readonly client: pg.Client) {}

  async unit(code: string, level: "PROVINCE" | "DISTRICT" | "COMMUNE", versions: Version[]): Promise<number> {
    const r = await this.client.query<{ id: number }>(`INSERT INTO unit (code, level) VALUES ($1, $2) RETURNING id`, [code, level]);
    const id = r.rows[0]!.id;
    this.ids.set(code, id);
    for (const v of versions) {
      await this.client.query(
        `INSERT INTO unit_version (unit_id, name, type, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, v.name, v.type, v.parent ? this.id(v.parent) : null, v.from ?? null, v.to ?? null],
      );
    }
    return id;
  }

  id(code: string): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`fixture: no unit ${code}`);
    return id;
  }

  async plan(code: string, issuedOn: string, opts: { types?: string[]; scope?: string; communes?: string[] }): Promise<number> {
    const r = await this.client.query<{ id: number }>(
      `INSERT INTO rollout_plan (code, title, issued_on, scope_unit_id, covers_types) VALUES ($1, $1, $2, $3, $4::"UnitType"[]) RETURNING id`,
      [code, issuedOn, opts.scope ? this.id(opts.scope) : null, opts.types ?? []],
    );
    const planId = r.rows[0]!.id;
    for (const c of opts.communes ?? []) {
      await this.client.query(`INSERT INTO plan_commune (plan_id, commune_id) VALUES ($1, $2)`, [planId, this.id(c)]);
    }
    return planId;
  }

  async officer(number: string, name = `Cán bộ ${number}`): Promise<number> {
    const r = await this.client.query<{ id: number }>(
      `INSERT INTO officer (officer_number, full_name, rank, gender) VALUES ($1, $2, 'THIEU_UY', 'MALE') RETURNING id`,
      [number, name],
    );
    return r.rows[0]!.id;
  }

  async assign(officerId: number, commune: string, start: string, end: string | null = null, post = "OFFICER", previousId: number | null = null): Promise<number> {
    const r = await this.client.query<{ id: number }>(
      `INSERT INTO assignment (officer_id, commune_id, post, start_date, end_date, end_reason, previous_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [officerId, this.id(commune), post, start, end, end ? "TRANSFER" : null, previousId],
    );
    return r.rows[0]!.id;
  }

  async cell(communes: string[], established: string, secretary: { officerId?: number; person?: string; from: string; to?: string }[], dissolved: string | null = null) {
    const r = await this.client.query<{ id: number }>(
      `INSERT INTO party_cell (name, established_on, dissolved_on) VALUES ('Chi bộ thử', $1, $2) RETURNING id`,
      [established, dissolved],
    );
    const cellId = r.rows[0]!.id;
    for (const c of communes) await this.client.query(`INSERT INTO party_cell_commune VALUES ($1, $2)`, [cellId, this.id(c)]);
    for (const s of secretary) {
      await this.client.query(
        `INSERT INTO cell_secretary (cell_id, officer_id, person_name, start_date, end_date) VALUES ($1, $2, $3, $4, $5)`,
        [cellId, s.officerId ?? null, s.person ?? null, s.from, s.to ?? null],
      );
    }
    return cellId;
  }

  async member(officerId: number, commune: string, committee: "EXECUTIVE" | "STANDING", start: string, end: string | null = null) {
    await this.client.query(
      `INSERT INTO committee_membership (officer_id, commune_id, committee, start_date, end_date) VALUES ($1, $2, $3, $4, $5)`,
      [officerId, this.id(commune), committee, start, end],
    );
  }

  async norm(commune: string, staffingNorm: number) {
    await this.client.query(`INSERT INTO commune_setting (commune_id, staffing_norm) VALUES ($1, $2)`, [this.id(commune), staffingNorm]);
  }
}
