// Reads the files that describe a reform of the map (the 1 July 2025 reform: prisma/data/, see its README):
// the new units (two-level: province → commune), the old → new commune mapping and the old → new province
// mapping. Text in, a checked description out, or a ReformFileError listing what is wrong, in Vietnamese.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { IsoDate } from "@/lib/dates";
import { UNIT_TYPE_BY_LABEL, type UnitType } from "@/lib/units/types";

export type NewProvince = { code: string; name: string; type: UnitType };
export type NewCommune = { code: string; name: string; type: UnitType; provinceCode: string };
/**
 * One old unit → new commune pair. `oldCode` is null for an island district that had no communes: it is named
 * by `oldName`, and `oldDistrictCode` when the note gives its code ("whole district Huyện Cồn Cỏ (471)…").
 */
export type ReformLink = { oldProvinceCode: string; oldCode: string | null; oldDistrictCode: string | null; oldName: string; newCode: string; split: boolean; population: boolean; remainder: boolean; note: string | null };

export type ReformInput = {
  name: string;
  effectiveOn: IsoDate;
  provinces: NewProvince[];
  communes: NewCommune[];
  links: ReformLink[];
  /** old province code → new province code */
  provinceLinks: Map<string, string>;
  /** sha-256 of the files: the same files make the same reform */
  checksum: string;
};

export type ReformFiles = { units: string; mapping: string; provinces: string };

/** A refusal with its reasons, in Vietnamese: the first 20 are listed, then how many more. */
export class ReformProblems extends Error {
  constructor(readonly title: string, readonly problems: string[]) {
    super(`${title}:\n${problems.slice(0, 20).join("\n")}${problems.length > 20 ? `\n… và ${problems.length - 20} lỗi khác` : ""}`);
  }
}

/** The files contradict themselves. */
export class ReformFileError extends ReformProblems {
  constructor(problems: string[]) {
    super("Tệp cải cách không hợp lệ", problems);
  }
}

const UNITS_HEADER = "province_code,province_name,commune_code,commune_name,commune_type";
const MAPPING_HEADER = "old_province_code,old_commune_code,old_commune_name,new_province_code,new_commune_code,new_commune_name,note";
const PROVINCES_HEADER = "old_province_code,old_province_name,new_province_code,new_province_name";

/** RFC 4180 lines: quoted fields may hold commas (the notes do). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((r) => r.map((f) => f.normalize("NFC").trim()));
}

const provinceType = (name: string): UnitType => (name.startsWith("Thành phố ") ? "THANH_PHO_TRUNG_UONG" : "TINH");

export function parseReformFiles(files: ReformFiles, name: string, effectiveOn: IsoDate): ReformInput {
  const problems: string[] = [];
  const table = (text: string, header: string, label: string) => {
    const rows = parseCsv(text);
    if (rows[0]?.join(",") !== header) {
      problems.push(`${label}: dòng tiêu đề phải là "${header}".`);
      return [];
    }
    const width = header.split(",").length;
    return rows.slice(1).filter((r, i) => {
      if (r.length === width) return true;
      problems.push(`${label}, dòng ${i + 2}: cần ${width} cột, có ${r.length}.`);
      return false;
    });
  };
  const code = (v: string, digits: number[], where: string) => {
    if (new RegExp(`^\\d{${digits.join(",")}}$`).test(v)) return true;
    problems.push(`${where}: mã "${v}" không hợp lệ.`);
    return false;
  };

  const provinces = new Map<string, NewProvince>();
  const communes = new Map<string, NewCommune>();
  table(files.units, UNITS_HEADER, "Tệp đơn vị mới").forEach(([pc, pn, cc, cn, ct], i) => {
    const where = `Tệp đơn vị mới, dòng ${i + 2}`;
    if (!code(pc!, [2], where) || !code(cc!, [5], where)) return;
    const type = UNIT_TYPE_BY_LABEL[ct!];
    if (!type || !["XA", "PHUONG", "DAC_KHU", "THI_TRAN"].includes(type)) return void problems.push(`${where}: loại đơn vị cấp xã "${ct}" không rõ.`);
    const p = provinces.get(pc!);
    if (p && p.name !== pn) problems.push(`${where}: tỉnh ${pc} có hai tên ("${p.name}", "${pn}").`);
    if (!p) provinces.set(pc!, { code: pc!, name: pn!, type: provinceType(pn!) });
    if (communes.has(cc!)) return void problems.push(`${where}: mã xã ${cc} lặp lại.`);
    communes.set(cc!, { code: cc!, name: cn!, type, provinceCode: pc! });
  });

  const provinceLinks = new Map<string, string>();
  table(files.provinces, PROVINCES_HEADER, "Tệp chuyển đổi tỉnh").forEach(([oc, , nc], i) => {
    const where = `Tệp chuyển đổi tỉnh, dòng ${i + 2}`;
    if (!code(oc!, [2], where) || !code(nc!, [2], where)) return;
    if (provinceLinks.has(oc!)) return void problems.push(`${where}: tỉnh cũ ${oc} lặp lại.`);
    if (!provinces.has(nc!)) problems.push(`${where}: tỉnh mới ${nc} không có trong tệp đơn vị mới.`);
    provinceLinks.set(oc!, nc!);
  });

  const links: ReformLink[] = [];
  const pairs = new Set<string>();
  table(files.mapping, MAPPING_HEADER, "Tệp chuyển đổi xã").forEach(([op, oc, on, np, nc, , note], i) => {
    const where = `Tệp chuyển đổi xã, dòng ${i + 2}`;
    if (!code(op!, [2], where) || !code(nc!, [5], where) || (oc !== "" && !code(oc!, [5], where))) return;
    const target = communes.get(nc!);
    if (!target) return void problems.push(`${where}: xã mới ${nc} không có trong tệp đơn vị mới.`);
    if (target.provinceCode !== np) problems.push(`${where}: xã mới ${nc} thuộc tỉnh ${target.provinceCode}, không phải ${np}.`);
    if (provinceLinks.get(op!) !== np) problems.push(`${where}: tỉnh cũ ${op} không chuyển thành tỉnh ${np} theo tệp chuyển đổi tỉnh.`);
    const key = `${oc || on}→${nc}`;
    if (pairs.has(key)) return void problems.push(`${where}: cặp ${key} lặp lại.`);
    pairs.add(key);
    const split = (note ?? "").startsWith("split:");
    const detail = split ? note!.slice("split:".length).trim() : note ?? "";
    links.push({
      oldProvinceCode: op!,
      oldCode: oc || null,
      oldDistrictCode: oc ? null : (/\((\d{3})\)/.exec(note ?? "")?.[1] ?? null),
      oldName: on!,
      newCode: nc!,
      split,
      population: split && /toàn bộ dân số/i.test(detail),
      remainder: split && /^phần còn lại/i.test(detail),
      note: note || null,
    });
  });

  // every new commune has a predecessor; a split is marked on every row of the old commune
  const fromOld = new Map<string, ReformLink[]>();
  for (const l of links) fromOld.set(l.oldCode ?? `${l.oldProvinceCode}:${l.oldName}`, [...(fromOld.get(l.oldCode ?? `${l.oldProvinceCode}:${l.oldName}`) ?? []), l]);
  for (const [old, ls] of fromOld) {
    if (ls.length > 1 && ls.some((l) => !l.split)) problems.push(`Xã cũ ${old} chuyển vào ${ls.length} xã mới nhưng không phải mọi dòng đều ghi "split:".`);
    if (ls.length === 1 && ls[0]!.split) problems.push(`Xã cũ ${old} ghi "split:" nhưng chỉ chuyển vào một xã mới.`);
  }
  const covered = new Set(links.map((l) => l.newCode));
  for (const c of communes.values()) if (!covered.has(c.code)) problems.push(`Xã mới ${c.code} (${c.name}) không có đơn vị cũ nào chuyển vào.`);
  for (const p of provinces.values()) if (![...provinceLinks.values()].includes(p.code)) problems.push(`Tỉnh mới ${p.code} (${p.name}) không có tỉnh cũ nào chuyển vào.`);
  if (problems.length) throw new ReformFileError(problems);

  const checksum = createHash("sha256").update(effectiveOn).update("\0").update(files.units).update("\0").update(files.mapping).update("\0").update(files.provinces).digest("hex");
  return { name, effectiveOn, provinces: [...provinces.values()], communes: [...communes.values()], links, provinceLinks, checksum };
}

/** The 1 July 2025 reform: its name, date and files (copied into prisma/data from the GSO/NSO sources; their README gives the source, licence and checks). */
export const REFORM_2025 = {
  name: "Sắp xếp đơn vị hành chính 01/07/2025",
  effectiveOn: "2025-07-01" as IsoDate,
  files: { units: "vn-admin-units-2025-two-level.csv", mapping: "vn-admin-reform-2025-mapping.csv", provinces: "vn-admin-reform-2025-provinces.csv" },
} as const;

/** The reform's three files from a folder, as text. */
export function readReformFiles(dir: string, names: ReformFiles = REFORM_2025.files): ReformFiles {
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  return { units: read(names.units), mapping: read(names.mapping), provinces: read(names.provinces) };
}
