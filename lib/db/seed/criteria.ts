// Demo criteria (issue 6): Nghệ An's resolution to make ward police "điển hình, kiểu mẫu về ANTT và văn minh
// đô thị" by 2028 (DOMAIN.md §"Figures" 5) and its drug-free communes, with yearly assessments 2023–2025 that
// improve year by year. The criteria wording and every assessment are invented but plausible.
import type pg from "pg";
import { hash, rng } from "./random";

type SetDef = { name: string; description: string; appliesTo: string[]; targetYear: number; passMark: number; criteria: [string, number, boolean][] };

const MODEL_WARD: SetDef = {
  name: "Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị",
  description: "Theo nghị quyết của Tỉnh ủy Nghệ An: đến năm 2028 Công an các phường đạt tiêu chí điển hình, kiểu mẫu.",
  appliesTo: ["PHUONG"],
  targetYear: 2028,
  passMark: 85,
  criteria: [
    ["Không để xảy ra tội phạm nghiêm trọng, đặc biệt nghiêm trọng kéo dài, phức tạp", 3, true],
    ["Kéo giảm tội phạm về trật tự xã hội so với năm trước", 2, false],
    ["Tỷ lệ điều tra, khám phá án đạt trên 80%", 2, false],
    ["Không có điểm, tụ điểm phức tạp về ma túy", 2, true],
    ["Trụ sở, trang thiết bị đáp ứng yêu cầu công tác", 1, false],
    ["100% cán bộ được tập huấn nghiệp vụ và văn hóa ứng xử", 1, false],
    ["Phong trào toàn dân bảo vệ an ninh Tổ quốc xếp loại khá trở lên", 1, false],
    ["Bảo đảm trật tự lòng đường, vỉa hè, văn minh đô thị", 1, false],
  ],
};

const DRUG_FREE: SetDef = {
  name: "Xã sạch về ma túy",
  description: "Xã, thị trấn không có người nghiện, không có tội phạm và tụ điểm ma túy trên địa bàn.",
  appliesTo: ["XA", "THI_TRAN"],
  targetYear: 2028,
  passMark: 100,
  criteria: [
    ["Không có người nghiện ma túy ngoài cộng đồng", 1, true],
    ["Không có tội phạm mua bán, tàng trữ trái phép chất ma túy", 1, true],
    ["Không có điểm, tụ điểm phức tạp về ma túy", 1, true],
    ["Không trồng cây có chứa chất ma túy", 1, true],
  ],
};

export async function seedDemoCriteria(client: pg.ClientBase): Promise<void> {
  const ngheAn = (await client.query<{ id: number }>(`SELECT id FROM unit WHERE code = '40' AND valid_to IS NULL`)).rows[0]!.id;
  for (const def of [MODEL_WARD, DRUG_FREE]) {
    const set = await client.query<{ id: number }>(
      `INSERT INTO criteria_set (name, description, scope_unit_id, applies_to, target_year, pass_mark) VALUES ($1, $2, $3, $4::"UnitType"[], $5, $6) RETURNING id`,
      [def.name, def.description, ngheAn, def.appliesTo, def.targetYear, def.passMark],
    );
    const setId = set.rows[0]!.id;
    const criteria: { id: number; weight: number }[] = [];
    for (const [i, [name, weight, required]] of def.criteria.entries()) {
      const c = await client.query<{ id: number }>(`INSERT INTO criterion (set_id, ordinal, name, weight, required) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [setId, i + 1, name, weight, required]);
      criteria.push({ id: c.rows[0]!.id, weight });
    }
    // the communes of Nghệ An of the set's types; the drug-free set is assessed in Kỳ Sơn and Quỳnh Lưu only
    const communes = (
      await client.query<{ id: number }>(
        `SELECT u.id FROM unit u JOIN unit_version v ON v.unit_id = u.id AND v.valid_to IS NULL
         JOIN unit d ON d.id = v.parent_id JOIN unit_version dv ON dv.unit_id = d.id AND dv.valid_to IS NULL
         WHERE dv.parent_id = $1 AND v.type = ANY ($2::"UnitType"[]) AND ($3::boolean OR d.code IN ('417', '421')) ORDER BY u.code`,
        [ngheAn, def.appliesTo, def === MODEL_WARD],
      )
    ).rows;
    for (const { id: communeId } of communes) {
      for (const [k, year] of [2023, 2024, 2025].entries()) {
        const r = rng(hash(`criteria:${setId}:${communeId}:${year}`));
        if (r() < 0.1) continue; // not every unit is assessed every year
        const chance = 0.55 + 0.15 * k;
        const a = await client.query<{ id: number }>(
          `INSERT INTO assessment (set_id, commune_id, year, assessed_on) VALUES ($1, $2, $3, $4) RETURNING id`,
          [setId, communeId, year, `${year}-12-15`],
        );
        const assessment = a.rows[0]!.id;
        await client.query(
          `INSERT INTO assessment_result (assessment_id, criterion_id, met) SELECT $1, c, m FROM unnest($2::int[], $3::boolean[]) AS x(c, m)`,
          [assessment, criteria.map((c) => c.id), criteria.map(() => r() < chance + (def === DRUG_FREE ? 0.3 : 0))],
        );
      }
    }
  }
}
