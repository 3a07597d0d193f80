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

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
