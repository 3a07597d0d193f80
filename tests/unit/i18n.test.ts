import { describe, expect, it } from "vitest";
import { percent, toFigures } from "@/lib/coverage/figures";
import { formatter, i18nFor, translator, withVocabulary } from "@/lib/i18n";
import { en } from "@/lib/i18n/messages/en";
import { twoLevelEn, twoLevelVi } from "@/lib/i18n/messages/two-level";
import { vi } from "@/lib/i18n/messages/vi";

describe("i18n", () => {
  it("English has exactly the Vietnamese keys, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe("");
  });

  it("every placeholder of a Vietnamese message exists in its English translation", () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(vi) as (keyof typeof vi)[]) expect(vars(en[k]), k).toEqual(vars(vi[k]));
  });

  it("on the two-level map the commune level is worded 'đơn vị cấp xã', with the same placeholders; other text is unchanged", () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(twoLevelVi) as [keyof typeof vi, string][]) {
      expect(v, k).not.toMatch(/thị trấn/);
      expect(vars(v), k).toEqual(vars(vi[k]));
    }
    for (const [k, v] of Object.entries(twoLevelEn) as [keyof typeof vi, string][]) expect(vars(v), k).toEqual(vars(en[k]));
    const t = translator("vi", "twoLevel");
    expect(t("figures.coverage")).toBe("Đơn vị cấp xã đã bố trí Công an chính quy");
    expect(translator("vi")("figures.coverage")).toBe("Xã, thị trấn đã bố trí Công an chính quy");
    expect(t("figures.heading", { date: "01/07/2025" })).toBe("Số liệu tính đến ngày 01/07/2025");
    expect(withVocabulary(i18nFor("en"), "twoLevel").t("figures.coverage")).toBe("Commune-level units with regular police");
  });

  it("interpolates variables", () => {
    expect(translator("vi")("figures.heading", { date: "23/04/2019" })).toBe("Số liệu tính đến ngày 23/04/2019");
  });

  it("formats numbers the Vietnamese way: 44.000 and 5,2", () => {
    const f = formatter("vi");
    expect(f.number(44000)).toBe("44.000");
    expect(f.decimal(5.2)).toBe("5,2");
    expect(f.decimal(5)).toBe("5,0");
    expect(f.percent(99.5)).toBe("99,5%");
    expect(f.ratio(86, 86, 100)).toBe("86/86 (100%)");
    expect(f.ratio(8876, 8876, 100)).toBe("8.876/8.876 (100%)");
    expect(formatter("en").number(44000)).toBe("44,000");
  });
});

describe("derived figures", () => {
  const raw = { in_programme: 8876, staffed: 8875, fully_staffed: 0, officers: 46155, party_cells: 0, secretaries_police: 0, executive_members: 0, standing_members: 0 };

  it("never shows 100% while a commune is still unstaffed", () => {
    expect(percent(8875, 8876)).toBe(99.9);
    expect(percent(8876, 8876)).toBe(100);
    expect(toFigures(raw).coveragePercent).toBe(99.9);
  });

  it("officers per commune: one decimal, and no value (not 0) when nothing is staffed", () => {
    expect(toFigures(raw).officersPerCommune).toBe(5.2);
    expect(toFigures({ ...raw, staffed: 0, officers: 0 }).officersPerCommune).toBeNull();
    expect(toFigures({ ...raw, in_programme: 0, staffed: 0 }).coveragePercent).toBeNull();
  });
});
