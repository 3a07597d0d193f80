import { describe, expect, it } from "vitest";
import { addDays, formatDateVi, isValidIsoDate, parseAsOf, parseDateInput, todayInVietnam, type IsoDate } from "@/lib/dates";

const today = "2026-11-21" as IsoDate;

describe("dates", () => {
  it("accepts real calendar dates only", () => {
    expect(isValidIsoDate("2019-04-23")).toBe(true);
    expect(isValidIsoDate("2020-02-29")).toBe(true);
    expect(isValidIsoDate("2021-02-29")).toBe(false);
    expect(isValidIsoDate("2021-02-31")).toBe(false);
    expect(isValidIsoDate("2021-4-23")).toBe(false);
    expect(isValidIsoDate("23/04/2019")).toBe(false);
  });

  it("reads the Vietnamese dd/mm/yyyy as users type it", () => {
    expect(parseDateInput("23/04/2019")).toBe("2019-04-23");
    expect(parseDateInput(" 1/7/2025 ")).toBe("2025-07-01");
    expect(parseDateInput("31/02/2021")).toBeNull();
    expect(parseDateInput("04/23/2019")).toBeNull();
    expect(parseDateInput("'; DROP TABLE unit; --")).toBeNull();
  });

  it("?asOf= defaults to today, says when it was invalid, and asks to redirect non-canonical input", () => {
    expect(parseAsOf(undefined, today)).toEqual({ asOf: today, invalid: false, canonical: true, raw: "" });
    expect(parseAsOf("2019-04-23", today)).toMatchObject({ asOf: "2019-04-23", invalid: false, canonical: true });
    expect(parseAsOf("23/04/2019", today)).toMatchObject({ asOf: "2019-04-23", invalid: false, canonical: false });
    expect(parseAsOf("hôm qua", today)).toMatchObject({ asOf: today, invalid: true, raw: "hôm qua" });
    expect(parseAsOf(["2019-04-23", "2020-01-01"], today).asOf).toBe("2019-04-23");
  });

  it("formats dates as dd/mm/yyyy and does day arithmetic across months and leap years", () => {
    expect(formatDateVi("2019-04-23")).toBe("23/04/2019");
    expect(addDays("2020-02-28" as IsoDate, 1)).toBe("2020-02-29");
    expect(addDays("2019-12-31" as IsoDate, 1)).toBe("2020-01-01");
    expect(addDays("2019-03-01" as IsoDate, -1)).toBe("2019-02-28");
  });

  it("'today' is the date in Vietnam, not UTC", () => {
    // 20:00 UTC on 21/11 is already 03:00 on 22/11 in Hà Nội
    expect(todayInVietnam(new Date("2026-11-21T20:00:00Z"))).toBe("2026-11-22");
    expect(todayInVietnam(new Date("2026-11-21T10:00:00Z"))).toBe("2026-11-21");
  });
});
