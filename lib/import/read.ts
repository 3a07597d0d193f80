// Reads an uploaded roster (.xlsx or .csv) into rows of cells. Pure, no database: shared by the web
// import, the CLI and the tests. Refuses what is not a real spreadsheet, formulas, and oversized files.
import ExcelJS from "exceljs";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024; // 20 MB: a 100,000-row roster is ~10 MB as .xlsx
export const MAX_IMPORT_ROWS = 100_000;

/** A cell as read: text, a real date cell from Excel, or a number; formulas never get this far. */
export type Cell = string | number | Date | null;
export type Sheet = { header: string[]; rows: { rowNumber: number; cells: Cell[] }[] };

export class ImportFileError extends Error {}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readSpreadsheet(bytes: Uint8Array, filename: string): Promise<Sheet> {
  if (bytes.length === 0) throw new ImportFileError("Tệp rỗng.");
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError(`Tệp quá lớn (${(bytes.length / 1048576).toFixed(1)} MB); giới hạn là 20 MB.`);
  const lower = filename.toLowerCase();
  if (lower.endsWith(".xlsx")) {
    if (!isZip(bytes)) throw new ImportFileError("Tệp có đuôi .xlsx nhưng không phải bảng tính Excel hợp lệ.");
    return readXlsx(bytes);
  }
  if (lower.endsWith(".csv")) {
    if (isZip(bytes)) throw new ImportFileError("Tệp có đuôi .csv nhưng là tệp nén/Excel; hãy lưu lại dưới dạng CSV UTF-8 hoặc dùng đuôi .xlsx.");
    return readCsv(bytes);
  }
  throw new ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.");
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không phải bảng tính.");
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw new ImportFileError("Bảng tính không có dữ liệu.");
  const all: { rowNumber: number; cells: Cell[] }[] = [];
  const formulaErrors: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value as unknown;
      let out: Cell = null;
      if (v === null || v === undefined) out = null;
      else if (typeof v === "string" || typeof v === "number" || v instanceof Date) out = v;
      else if (typeof v === "boolean") out = v ? "x" : "";
      else if (typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)) {
        formulaErrors.push(`${cell.address}`);
        out = null;
      } else if (typeof v === "object" && v !== null && "richText" in v) {
        out = (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
      } else if (typeof v === "object" && v !== null && "text" in v) {
        out = String((v as { text: unknown }).text);
      } else out = String(v);
      cells[col - 1] = out;
    });
    all.push({ rowNumber, cells });
  });
  if (formulaErrors.length) {
    throw new ImportFileError(`Tệp có ô chứa công thức (${formulaErrors.slice(0, 5).join(", ")}${formulaErrors.length > 5 ? ", …" : ""}); hãy dán giá trị thay cho công thức.`);
  }
  return toSheet(all);
}

/** RFC 4180 CSV, UTF-8 with or without BOM, comma or semicolon (as Excel writes it in Vietnamese locales). */
export function readCsv(bytes: Uint8Array): Sheet {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError("Tệp CSV không phải mã UTF-8; hãy lưu lại với mã UTF-8.");
  }
  if (text.includes("\u0000")) throw new ImportFileError("Tệp không phải tệp văn bản CSV.");
  text = text.replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: { rowNumber: number; cells: Cell[] }[] = [];
  let field = "";
  let row: string[] = [];
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  const pushRow = () => {
    row.push(field);
    if (row.some((c) => c.trim() !== "")) rows.push({ rowNumber: rowStart, cells: row });
    row = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") inQuotes = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      pushRow();
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (inQuotes) throw new ImportFileError(`Tệp CSV lỗi: dấu ngoặc kép chưa đóng (từ dòng ${rowStart}).`);
  if (field !== "" || row.length) pushRow();
  return toSheet(rows);
}

function toSheet(all: { rowNumber: number; cells: Cell[] }[]): Sheet {
  const [head, ...rest] = all;
  if (!head) throw new ImportFileError("Bảng tính không có dữ liệu.");
  if (rest.length === 0) throw new ImportFileError("Bảng tính chỉ có dòng tiêu đề, không có dòng dữ liệu nào.");
  if (rest.length > MAX_IMPORT_ROWS) throw new ImportFileError(`Tệp có ${rest.length} dòng; giới hạn là ${MAX_IMPORT_ROWS.toLocaleString("vi-VN")} dòng.`);
  return { header: head.cells.map((c) => (c === null ? "" : String(c).trim())), rows: rest };
}
