import { z } from "zod";
import { requiredDate, requiredText } from "@/lib/validation";

// Recording a reform of the administrative map from the browser (the admin page /reform/record and its route
// /api/reforms), the same as `npm run units:reform`: a name, the date it takes effect, and either the files
// that ship with the app (the 1 July 2025 reform) or three CSV files in the same layout.

export const REFORM_SOURCES = ["bundled", "upload"] as const;
/** The three files of a reform, as the form names them. */
export const REFORM_FILE_FIELDS = ["units", "mapping", "provinces"] as const;
export type ReformFileField = (typeof REFORM_FILE_FIELDS)[number];
/** Each file at most 10 MB: the 2025 mapping of 10,035 communes is 0.6 MB. */
export const MAX_REFORM_FILE_BYTES = 10 * 1024 * 1024;

export const RecordReformSchema = z.object({
  name: requiredText("tên đợt sắp xếp", 3, 80, "Nhập tên đợt sắp xếp (ít nhất 3 ký tự)."),
  effectiveOn: requiredDate("ngày có hiệu lực"),
  source: z.enum(REFORM_SOURCES, { message: "Chọn nguồn tệp: tệp có sẵn hoặc tải tệp lên." }),
  /** "1" records it; anything else is a dry run that writes nothing */
  commit: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});
export type RecordReformInput = z.infer<typeof RecordReformSchema>;
