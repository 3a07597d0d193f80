// CSV the way Excel on a Vietnamese office PC opens it: UTF-8 with a BOM (so diacritics survive), CRLF,
// quoted where needed, and cells that a spreadsheet would run as a formula (= + - @ at the start)
// prefixed with an apostrophe so an exported name can never execute.

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its CRLF: what a streamed export writes row by row. */
export function csvLine(row: readonly (string | number | null | undefined)[]): string {
  return `${row.map(csvCell).join(",")}\r\n`;
}

/** The byte-order mark that starts every CSV file. */
export const CSV_BOM = "\uFEFF";

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join("");
}
