// Headquarters and equipment of a commune police: one zod schema for the form and the action.
import { z } from "zod";
import { optionalText, requiredDate, versionField } from "@/lib/validation";

export const HQ_STATUSES = ["OWN", "UNDER_CONSTRUCTION", "BORROWED", "NONE"] as const;
export const EQUIPMENT = ["COMPUTER", "PRINTER", "INTERNET", "MOTORBIKE", "RADIO", "CCTV"] as const;
export type HqStatusName = (typeof HQ_STATUSES)[number];
export type EquipmentName = (typeof EQUIPMENT)[number];

export const FacilitySchema = z.object({
  communeId: z.coerce.number().int().positive(),
  /** the version of the record in force (0 when the commune has none yet) */
  version: versionField(0),
  hqStatus: z.enum(HQ_STATUSES, { message: "Chọn tình trạng trụ sở." }),
  /** the checked items, from a checkbox group ("COMPUTER,PRINTER" or one field per item) */
  equipment: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(EQUIPMENT, { message: "Trang thiết bị không hợp lệ." })))
    .transform((v) => [...new Set(v)]),
  effectiveFrom: requiredDate("ngày áp dụng"),
  note: optionalText("ghi chú", 500),
});
export type FacilityInput = z.infer<typeof FacilitySchema>;
