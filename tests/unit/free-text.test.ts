// Free text that people type (notes, reasons, descriptions, titles, ethnicity, criteria, a user name at
// sign-in): control characters are refused at validation with a Vietnamese message on the field, so they
// never reach PostgreSQL (which refuses a NUL with an error the user would only see as a system failure).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { LoginSchema } from "@/lib/auth/schemas";
import { AssessSchema, CreateSetSchema } from "@/lib/criteria/schemas";
import { FacilitySchema } from "@/lib/facilities/schemas";
import { INDICATORS } from "@/lib/results/indicators";
import { CreateTargetSchema, ReasonTransitionSchema, SaveReturnSchema, TargetProgressSchema } from "@/lib/results/schemas";
import { OfficerFieldsSchema } from "@/lib/staffing/schemas";

const valid = {
  set: { name: "Bộ tiêu chí 2026", description: "Mô tả", appliesTo: "XA", targetYear: "2026", passMark: "80", criteria: "Trụ sở | 2 | bắt buộc" },
  assess: { setId: "1", communeId: "1", year: "2026", assessedOn: "01/11/2026", met: "", note: "Ghi chú", version: "0" },
  facility: { communeId: "1", version: "0", hqStatus: "OWN", effectiveFrom: "01/11/2026", equipment: "", note: "Ghi chú" },
  saveReturn: { communeId: "1", month: "10/2026", ...Object.fromEntries(INDICATORS.map((i) => [i.key, "0"])), note: "Ghi chú" },
  reason: { returnId: "1", version: "1", reason: "Thiếu số liệu" },
  target: { unit: "40", indicator: "casesCleared", title: "Chỉ tiêu năm", periodStart: "01/01/2026", dueDate: "31/12/2026", target: "10" },
  progress: { targetId: "1", reportedOn: "01/11/2026", value: "3", note: "Ghi chú" },
  officer: { officerNumber: "AB-1", fullName: "Nguyễn Văn An", rank: "DAI_UY", gender: "MALE", ethnicity: "Kinh", partyMember: "false" },
  login: { username: "huyen.kyson", password: "x" },
};

const cases: [string, z.ZodType, Record<string, string>, string][] = [
  ["criteria set description", CreateSetSchema, valid.set, "description"],
  ["criteria set name", CreateSetSchema, valid.set, "name"],
  ["criteria lines", CreateSetSchema, valid.set, "criteria"],
  ["assessment note", AssessSchema, valid.assess, "note"],
  ["facilities note", FacilitySchema, valid.facility, "note"],
  ["monthly return note", SaveReturnSchema, valid.saveReturn, "note"],
  ["return reason", ReasonTransitionSchema, valid.reason, "reason"],
  ["target title", CreateTargetSchema, valid.target, "title"],
  ["target progress note", TargetProgressSchema, valid.progress, "note"],
  ["officer ethnicity", OfficerFieldsSchema, valid.officer, "ethnicity"],
  ["sign-in user name", LoginSchema, valid.login, "username"],
];

const issuesOf = (schema: z.ZodType, input: Record<string, string>) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: String(i.path[0]), message: i.message }));
};

describe("free text refuses control characters with a message on the field", () => {
  for (const [label, schema, input, field] of cases) {
    it(label, () => {
      // the valid form passes: the refusals below are about the character, not the rest of the form
      expect(issuesOf(schema, input)).toEqual([]);
      for (const bad of ["a\u0000b", "Ghi\u0007chú", "x\u001Fy", "\u007F", "a\uD800b"]) {
        const issues = issuesOf(schema, { ...input, [field]: `${input[field]}${bad}` });
        expect(issues, `${label} ← ${JSON.stringify(bad)}`).toHaveLength(1);
        expect(issues[0]!.path).toBe(field);
        expect(issues[0]!.message).toMatch(/không hợp lệ/);
      }
    });
  }

  it("line breaks and tabs in a note are text, kept as typed; the text is stored in NFC", () => {
    const r = SaveReturnSchema.parse({ ...valid.saveReturn, note: "  Dòng 1\r\nDòng 2\tcột  " });
    expect(r.note).toBe("Dòng 1\r\nDòng 2\tcột");
    expect(SaveReturnSchema.parse({ ...valid.saveReturn, note: "Nghệ An".normalize("NFD") }).note).toBe("Nghệ An".normalize("NFC"));
    expect(SaveReturnSchema.parse({ ...valid.saveReturn, note: "" }).note).toBeNull();
    // a form without the field at all: the field is optional
    const { note: _omitted, ...withoutNote } = valid.saveReturn;
    expect(SaveReturnSchema.parse(withoutNote).note).toBeNull();
  });

  it("length limits keep their Vietnamese messages", () => {
    expect(issuesOf(FacilitySchema, { ...valid.facility, note: "a".repeat(501) })).toEqual([{ path: "note", message: "Ghi chú dài quá 500 ký tự." }]);
    expect(issuesOf(CreateSetSchema, { ...valid.set, description: "a".repeat(2001) })).toEqual([{ path: "description", message: "Mô tả dài quá 2.000 ký tự." }]);
    expect(issuesOf(ReasonTransitionSchema, { ...valid.reason, reason: "ab" })).toEqual([{ path: "reason", message: "Ghi lý do (ít nhất 3 ký tự)." }]);
  });
});
