// Demo headquarters and equipment (issue 6): invented but plausible, the same on every run. From the first
// regular officers, most commune police worked in borrowed rooms or buildings under construction; from mid
// 2021 most moved into their own headquarters and completed their equipment; some still have not.
import type pg from "pg";
import { addDays, type IsoDate } from "@/lib/dates";
import { bulkInsert } from "@/lib/db/bulk";
import { hash, int, rng, weighted } from "./random";

const ITEMS = ["COMPUTER", "PRINTER", "INTERNET", "MOTORBIKE", "RADIO", "CCTV"] as const;
const CHANCE: Record<(typeof ITEMS)[number], number> = { COMPUTER: 0.8, PRINTER: 0.6, INTERNET: 0.7, MOTORBIKE: 0.85, RADIO: 0.35, CCTV: 0.15 };

export async function seedDemoFacilities(client: pg.ClientBase): Promise<{ facilities: number }> {
  const communes = (
    await client.query<{ id: number; first: string }>(
      `SELECT a.commune_id AS id, min(a.start_date)::text AS first FROM assignment a GROUP BY a.commune_id ORDER BY a.commune_id`,
    )
  ).rows;
  const rows: [number, string, string | null, string, string[]][] = [];
  for (const c of communes) {
    const r = rng(hash(`facility:${c.id}`));
    const first = weighted(r, [["BORROWED", 55], ["UNDER_CONSTRUCTION", 20], ["OWN", 15], ["NONE", 10]] as const);
    const kit = ITEMS.filter((i) => r() < CHANCE[i]);
    if (first === "OWN" || r() < 0.2) {
      rows.push([c.id, c.first, null, first, kit]);
      continue;
    }
    const moved = addDays("2021-06-01" as IsoDate, int(r, 0, 1300));
    if (moved <= c.first) {
      // first staffed after the move would have been (a commune that officers came to through a merger)
      rows.push([c.id, c.first, null, first, kit]);
      continue;
    }
    rows.push([c.id, c.first, moved, first, kit]);
    const later = weighted(r, [["OWN", 80], ["UNDER_CONSTRUCTION", 20]] as const);
    rows.push([c.id, moved, null, later, ITEMS.filter((i) => kit.includes(i) || r() < 0.6)]);
  }
  await bulkInsert(
    client,
    "commune_facility",
    [["commune_id", "int"], ["valid_from", "date"], ["valid_to", "date"], ["hq_status", '"HqStatus"'], ["equipment", '"Equipment"[]']],
    rows,
  );
  return { facilities: rows.length };
}
