import type { I18n } from "@/lib/i18n";
import { GAP_COLUMNS, type GapKind, type GapList, type GapRow } from "./gaps";

// How a gap list reads, on the page and in its CSV: one formatting of every cell, in the user's language.

export function gapCellText(kind: GapKind, key: string, row: GapRow, i18n: I18n, forCsv = false): string {
  const { t, fmt } = i18n;
  const v = row[key];
  if (v === null || v === undefined) return key === "secretary" ? t("gaps.noSecretary") : key === "missingEquipment" ? "—" : "";
  if (key === "post") return t(`post.${v as "CHIEF" | "DEPUTY_CHIEF" | "OFFICER"}`);
  if (key === "endReason") return t(`endReason.${v as "TRANSFER" | "RETIREMENT" | "DISCIPLINE" | "OTHER"}`);
  if (key === "reason") return t(`gaps.reason.${v as "none" | "notOfficer" | "notServing"}`);
  if (key === "hqStatus") return t(`facility.status.${v as "OWN" | "UNKNOWN"}`);
  if (key === "missingEquipment") return String(v).split(",").filter(Boolean).map((e) => t(`facility.item.${e as "COMPUTER"}`)).join(", ") || t("facility.nothingMissing");
  const column = GAP_COLUMNS[kind].find((c) => c.key === key);
  if (column?.type === "date") return fmt.date(String(v));
  if (column?.type === "number") return forCsv ? String(v) : fmt.number(Number(v));
  return String(v);
}

export function gapColumnLabel(key: string, i18n: I18n): string {
  return i18n.t(`gaps.col.${key}` as Parameters<I18n["t"]>[0]);
}

/** The CSV rows of a list: a header of column labels, then every row (numbers left plain for Excel). */
export function gapListRows(list: GapList, i18n: I18n): string[][] {
  const columns = GAP_COLUMNS[list.kind];
  return [columns.map((c) => gapColumnLabel(c.key, i18n)), ...list.rows.map((r) => columns.map((c) => gapCellText(list.kind, c.key, r, i18n, true)))];
}
