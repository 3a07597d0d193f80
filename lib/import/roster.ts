// The assignment roster: one row per assignment (officer number, name, rank, gender, birth date,
// ethnicity, Party membership, commune code, post, start/end date, end reason). Pure: turns a read
// sheet into validated rows and row errors (row number, column, reason in Vietnamese), reusing the same
// zod schema as the officer form.
import { formatDateVi, parseDateInput, type IsoDate } from "@/lib/dates";
import { vi } from "@/lib/i18n/messages/vi";
import { OfficerFieldsSchema, POSTS, RANKS } from "@/lib/staffing/schemas";
import { foldVietnamese } from "@/lib/text/fold";
import type { Cell, Sheet } from "./read";

export const ROSTER_COLUMNS = [
  { key: "officerNumber", header: "Số hiệu", required: true, example: "40099001", note: "bắt buộc; chữ, số, dấu gạch ngang" },
  { key: "fullName", header: "Họ và tên", required: true, example: "Nguyễn Văn An", note: "bắt buộc" },
  { key: "rank", header: "Cấp bậc", required: true, example: "Thiếu úy", note: "Hạ sĩ … Đại tướng" },
  { key: "gender", header: "Giới tính", required: true, example: "Nam", note: "Nam / Nữ" },
  { key: "birthDate", header: "Ngày sinh", required: false, example: "15/03/1995", note: "dd/mm/yyyy" },
  { key: "ethnicity", header: "Dân tộc", required: false, example: "Kinh", note: "" },
  { key: "partyMember", header: "Đảng viên", required: false, example: "Có", note: "Có / Không" },
  { key: "partyJoinedOn", header: "Ngày vào Đảng", required: false, example: "03/02/2020", note: "dd/mm/yyyy, chỉ cho đảng viên" },
  { key: "communeCode", header: "Mã xã", required: true, example: "16816", note: "mã 5 số của Tổng cục Thống kê" },
  { key: "post", header: "Chức danh", required: true, example: "Cán bộ Công an xã", note: "Trưởng / Phó Trưởng / Cán bộ Công an xã" },
  { key: "startDate", header: "Ngày bắt đầu", required: true, example: "01/07/2021", note: "dd/mm/yyyy" },
  { key: "endDate", header: "Ngày kết thúc", required: false, example: "", note: "để trống nếu đang công tác" },
  { key: "endReason", header: "Lý do kết thúc", required: false, example: "", note: "Điều động / Nghỉ hưu / Kỷ luật / Khác" },
] as const;
export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];
const DATE_KEYS: ReadonlySet<RosterKey> = new Set(["birthDate", "partyJoinedOn", "startDate", "endDate"]);
const headerOf = (k: RosterKey) => ROSTER_COLUMNS.find((c) => c.key === k)!.header;

export type RosterRow = {
  rowNumber: number;
  officerNumber: string;
  fullName: string;
  rank: (typeof RANKS)[number];
  gender: "MALE" | "FEMALE";
  birthDate: IsoDate | null;
  ethnicity: string | null;
  partyMember: boolean;
  partyJoinedOn: IsoDate | null;
  communeCode: string;
  post: (typeof POSTS)[number];
  startDate: IsoDate;
  endDate: IsoDate | null;
  endReason: "TRANSFER" | "RETIREMENT" | "DISCIPLINE" | "OTHER" | null;
};

export type RowError = { row: number; column: string; message: string };

const RANK_BY_LABEL = new Map(RANKS.map((r) => [foldVietnamese(vi[`rank.${r}`]), r]));
const POST_BY_LABEL = new Map<string, (typeof POSTS)[number]>([
  ["truong cong an xa", "CHIEF"], ["truong", "CHIEF"], ["truong ca xa", "CHIEF"],
  ["pho truong cong an xa", "DEPUTY_CHIEF"], ["pho truong", "DEPUTY_CHIEF"], ["pho truong ca xa", "DEPUTY_CHIEF"],
  ["can bo cong an xa", "OFFICER"], ["can bo", "OFFICER"], ["cong an vien", "OFFICER"],
]);
const REASON_BY_LABEL = new Map<string, RosterRow["endReason"]>([
  ["dieu dong", "TRANSFER"], ["nghi huu", "RETIREMENT"], ["ky luat", "DISCIPLINE"], ["khac", "OTHER"], ["ly do khac", "OTHER"],
]);
const YES = new Set(["co", "x", "1", "yes", "dang vien", "true"]);
const NO = new Set(["", "khong", "0", "no", "false"]);

/** Maps the header row to columns; missing required columns make the whole file unusable. */
export function mapHeader(header: string[]): { index: Map<RosterKey, number>; missing: string[] } {
  const folded = header.map((h) => foldVietnamese(h));
  const index = new Map<RosterKey, number>();
  for (const c of ROSTER_COLUMNS) {
    const i = folded.indexOf(foldVietnamese(c.header));
    if (i >= 0) index.set(c.key, i);
  }
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  return { index, missing };
}

function dateCell(cell: Cell, column: string, errors: string[]): string {
  if (cell === null || cell === "") return "";
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) {
      errors.push(`${column}: ngày không hợp lệ`);
      return "";
    }
    return cell.toISOString().slice(0, 10);
  }
  const s = String(cell).trim();
  if (typeof cell === "number" || /^\d{4,6}(\.\d+)?$/.test(s)) {
    errors.push(`${column}: "${s}" là số sê-ri ngày của Excel; hãy nhập ngày dạng dd/mm/yyyy`);
    return "";
  }
  return s;
}

/** Validates every row; returns the good rows and one error per problem (row number, column, reason). */
export function parseRoster(sheet: Sheet): { rows: RosterRow[]; errors: RowError[]; fileError?: string } {
  const { index, missing } = mapHeader(sheet.header);
  if (missing.length) return { rows: [], errors: [], fileError: `Thiếu cột: ${missing.join(", ")}. Hãy dùng tệp mẫu.` };
  const rows: RosterRow[] = [];
  const errors: RowError[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const rowErrors: RowError[] = [];
    const err = (key: RosterKey | string, message: string) =>
      rowErrors.push({ row: rowNumber, column: ROSTER_COLUMNS.find((c) => c.key === key)?.header ?? key, message });
    const raw = (k: RosterKey): Cell => {
      const i = index.get(k);
      return i === undefined ? null : (cells[i] ?? null);
    };
    const text = (k: RosterKey): string => {
      const v = raw(k);
      if (v === null) return "";
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      return String(v).trim();
    };
    const dates: Partial<Record<RosterKey, string>> = {};
    for (const k of DATE_KEYS) {
      const dateErrors: string[] = [];
      dates[k] = dateCell(raw(k), headerOf(k), dateErrors);
      for (const e of dateErrors) err(k, e.slice(e.indexOf(": ") + 2));
    }
    // spreadsheet formulas typed as text, or injection attempts: never accepted
    for (const c of ROSTER_COLUMNS) {
      if (/^[=+@]/.test(text(c.key)) || /^-[^0-9]/.test(text(c.key))) err(c.key, "Ô bắt đầu bằng =, +, -, @ (công thức) không được chấp nhận.");
    }
    const rank = RANK_BY_LABEL.get(foldVietnamese(text("rank")));
    if (!rank) err("rank", text("rank") ? `Cấp bậc "${text("rank")}" không có trong danh sách cấp bậc.` : "Thiếu cấp bậc.");
    const g = foldVietnamese(text("gender"));
    const gender = g === "nam" ? "MALE" : g === "nu" ? "FEMALE" : undefined;
    if (!gender) err("gender", "Giới tính phải là Nam hoặc Nữ.");
    const p = foldVietnamese(text("partyMember"));
    if (!YES.has(p) && !NO.has(p)) err("partyMember", "Đảng viên: ghi Có hoặc Không.");
    const officer = OfficerFieldsSchema.safeParse({
      officerNumber: text("officerNumber"),
      fullName: text("fullName"),
      rank: rank ?? "HA_SI",
      gender: gender ?? "MALE",
      birthDate: dates.birthDate,
      ethnicity: text("ethnicity"),
      partyMember: YES.has(p) ? "true" : "false",
      partyJoinedOn: dates.partyJoinedOn,
    });
    if (!officer.success) for (const i of officer.error.issues) err(String(i.path[0]), i.message);
    const communeCode = text("communeCode");
    if (!/^\d{5}$/.test(communeCode)) err("communeCode", communeCode ? `Mã xã "${communeCode}" phải gồm 5 chữ số.` : "Thiếu mã xã.");
    const post = POST_BY_LABEL.get(foldVietnamese(text("post")));
    if (!post) err("post", `Chức danh "${text("post")}" không hợp lệ (Trưởng / Phó Trưởng / Cán bộ Công an xã).`);
    const start = dates.startDate ? parseDateInput(dates.startDate) : null;
    if (!dates.startDate && !rowErrors.some((e) => e.column === headerOf("startDate"))) err("startDate", "Thiếu ngày bắt đầu.");
    else if (dates.startDate && !start) err("startDate", `Ngày "${dates.startDate}" không hợp lệ (dd/mm/yyyy).`);
    const end = dates.endDate ? parseDateInput(dates.endDate) : null;
    if (dates.endDate && !end) err("endDate", `Ngày "${dates.endDate}" không hợp lệ (dd/mm/yyyy).`);
    const reasonText = foldVietnamese(text("endReason"));
    const endReason = reasonText ? REASON_BY_LABEL.get(reasonText) : null;
    if (reasonText && !endReason) err("endReason", `Lý do "${text("endReason")}" không hợp lệ (Điều động / Nghỉ hưu / Kỷ luật / Khác).`);
    if (end && !reasonText) err("endReason", "Có ngày kết thúc thì phải có lý do kết thúc.");
    if (!dates.endDate && reasonText) err("endDate", "Có lý do kết thúc thì phải có ngày kết thúc.");
    if (start && end && end <= start) err("endDate", `Ngày kết thúc (${formatDateVi(end)}) phải sau ngày bắt đầu (${formatDateVi(start)}).`);
    if (rowErrors.length || !officer.success || !rank || !gender || !post || !start || (dates.endDate && !end)) {
      errors.push(...(rowErrors.length ? rowErrors : [{ row: rowNumber, column: "", message: "Dòng không hợp lệ." }]));
      continue;
    }
    rows.push({
      rowNumber,
      ...officer.data,
      rank,
      gender,
      communeCode,
      post,
      startDate: start,
      endDate: end,
      endReason: endReason ?? null,
    });
  }
  // the same officer number with different names or details in one file: refuse, do not guess
  const first = new Map<string, RosterRow>();
  for (const r of rows) {
    const f = first.get(r.officerNumber);
    if (!f) first.set(r.officerNumber, r);
    else if (f.fullName !== r.fullName) {
      errors.push({ row: r.rowNumber, column: "Họ và tên", message: `Số hiệu ${r.officerNumber} đã dùng cho "${f.fullName}" ở dòng ${f.rowNumber}.` });
    } else if (f.rank !== r.rank || f.gender !== r.gender || f.birthDate !== r.birthDate) {
      errors.push({ row: r.rowNumber, column: "Số hiệu", message: `Thông tin cán bộ ${r.officerNumber} khác với dòng ${f.rowNumber}.` });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

