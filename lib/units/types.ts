// Unit types and levels: the codes stored in the database and the official Vietnamese labels
// used in the GSO files. Pure data, shared by the map loader, the seed and the UI.
import type { UnitLevel, UnitType } from "@/lib/generated/prisma/enums.ts";

export type { UnitLevel, UnitType };

export const UNIT_TYPE_BY_LABEL: Readonly<Record<string, UnitType>> = {
  "Tỉnh": "TINH",
  "Thành phố Trung ương": "THANH_PHO_TRUNG_UONG",
  "Quận": "QUAN",
  "Huyện": "HUYEN",
  "Thị xã": "THI_XA",
  "Thành phố": "THANH_PHO",
  "Xã": "XA",
  "Phường": "PHUONG",
  "Thị trấn": "THI_TRAN",
  "Đặc khu": "DAC_KHU",
};

export const LEVEL_OF_TYPE: Readonly<Record<UnitType, UnitLevel>> = {
  TINH: "PROVINCE",
  THANH_PHO_TRUNG_UONG: "PROVINCE",
  QUAN: "DISTRICT",
  HUYEN: "DISTRICT",
  THI_XA: "DISTRICT",
  THANH_PHO: "DISTRICT",
  XA: "COMMUNE",
  PHUONG: "COMMUNE",
  THI_TRAN: "COMMUNE",
  DAC_KHU: "COMMUNE",
};

/** The programme's default denominator: rural communes and towns (DOMAIN.md). */
export const PROGRAMME_DEFAULT_TYPES: readonly UnitType[] = ["XA", "THI_TRAN"];
