// The pure parts of the dashboards: the URL a view lives in, the comparison date, the CSV a list exports.
import { describe, expect, it } from "vitest";
import { parseDashboardParams } from "@/lib/coverage/params";
import { csvCell, toCsv } from "@/lib/csv";
import { addMonths, type IsoDate } from "@/lib/dates";
import { parseChildSort, sortChildren } from "@/components/coverage/children-table";
import type { ChildFigures } from "@/lib/coverage/queries";
import { toFigures } from "@/lib/coverage/figures";

describe("addMonths", () => {
  it("moves by calendar months and clamps to the month's last day", () => {
    expect(addMonths("2019-04-23" as IsoDate, -1)).toBe("2019-03-23");
    expect(addMonths("2021-03-31" as IsoDate, -1)).toBe("2021-02-28");
    expect(addMonths("2020-03-31" as IsoDate, -1)).toBe("2020-02-29");
    expect(addMonths("2019-01-15" as IsoDate, -1)).toBe("2018-12-15");
  });
});

describe("dashboard URL", () => {
  it("defaults the comparison to a month before the as-of date", () => {
    const p = parseDashboardParams({ asOf: "2019-04-23" }, "/units/62");
    expect(p).toMatchObject({ asOf: "2019-04-23", compare: "2019-03-23", redirectTo: null });
  });

  it("redirects a Vietnamese-format date to the canonical URL, keeping the other parameters", () => {
    const p = parseDashboardParams({ asOf: "23/04/2019", compare: "01/01/2019", sort: "officers", dir: "desc" }, "/units/62");
    expect(p.redirectTo).toBe("/units/62?asOf=2019-04-23&compare=2019-01-01&sort=officers&dir=desc");
  });

  it("falls back on a bad comparison date instead of failing", () => {
    const p = parseDashboardParams({ asOf: "2019-04-23", compare: "31/02/2019" }, "/");
    expect(p).toMatchObject({ compare: "2019-03-23", redirectTo: null });
  });
});

describe("child table order", () => {
  const row = (code: string, name: string, staffed: number, inProgramme: number): ChildFigures => ({
    unitId: Number(code),
    code,
    name,
    type: "HUYEN",
    level: "DISTRICT",
    figures: toFigures({ in_programme: inProgramme, staffed, fully_staffed: 0, officers: staffed * 5, party_cells: 0, secretaries_police: 0, executive_members: 0, standing_members: 0 }),
  });
  const rows = [row("610", "Huyện Đắk Glei", 11, 11), row("608", "Thành phố Kon Tum", 5, 10), row("612", "Huyện Đắk Tô", 0, 0)];

  it("sorts by a figure either way, with units that have no value last", () => {
    expect(sortChildren(rows, parseChildSort("percent", "desc"), "vi").map((r) => r.code)).toEqual(["610", "608", "612"]);
    expect(sortChildren(rows, parseChildSort("percent", "asc"), "vi").map((r) => r.code)).toEqual(["608", "610", "612"]);
  });

  it("sorts names in Vietnamese order (Đ after D), and ignores unknown keys", () => {
    expect(sortChildren(rows, parseChildSort("name", "asc"), "vi").map((r) => r.name)).toEqual(["Huyện Đắk Glei", "Huyện Đắk Tô", "Thành phố Kon Tum"]);
    expect(parseChildSort("drop", "desc")).toBeNull();
    expect(sortChildren(rows, null, "vi")).toBe(rows);
  });
});

describe("CSV", () => {
  it("keeps diacritics (UTF-8 with BOM), quotes separators, and defuses formulas", () => {
    const csv = toCsv([["Xã", "Ghi chú"], ["Xã Đắk Long", '=HYPERLINK("http://x")'], ["Bản, Mường", "-5"]]);
    expect(csv.startsWith("\uFEFFXã,Ghi chú\r\n")).toBe(true);
    expect(csv).toContain(`Xã Đắk Long,"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`"Bản, Mường",'-5`);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});
