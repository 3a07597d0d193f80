// Building blocks shared by the zod schemas of every input (forms, actions, imports): dates typed the
// Vietnamese way, people's names that are safe to print anywhere, ids from FormData.
import { z } from "zod";
import { parseDateInput, type IsoDate } from "@/lib/dates";

// Zod's own messages in Vietnamese, for the rare check that has no message of ours: a user never reads
// English (or zod's internals) in an error. Every schema module imports this file.
z.config(z.locales.vi());

/** The version a form read, for optimistic locking (0: no record yet, where allowed): anything else than a positive integer is a stale or forged form. */
export const versionField = (min = 1) =>
  z.coerce
    .number({ message: "Phiên bản bản ghi không hợp lệ; hãy tải lại trang rồi nhập lại." })
    .int({ message: "Phiên bản bản ghi không hợp lệ; hãy tải lại trang rồi nhập lại." })
    .min(min, { message: "Phiên bản bản ghi không hợp lệ; hãy tải lại trang rồi nhập lại." })
    .max(2_147_483_647, { message: "Phiên bản bản ghi không hợp lệ; hãy tải lại trang rồi nhập lại." });

const capitalise = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export const idField = (what: string) =>
  z.coerce.number({ message: `Thiếu ${what}.` }).int({ message: `${capitalise(what)} không hợp lệ.` }).positive({ message: `Chọn ${what}.` });

/** A required date, "dd/mm/yyyy" or "YYYY-MM-DD". */
export const requiredDate = (label: string) =>
  z
    .string({ message: `Nhập ${label}.` })
    .trim()
    .min(1, { message: `Nhập ${label}.` })
    .transform((v, ctx): IsoDate => {
      const d = parseDateInput(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} không hợp lệ (dd/mm/yyyy).` });
        return z.NEVER;
      }
      return d;
    });

/** An optional date: empty means none. */
export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): IsoDate | null => {
      if (!v) return null;
      const d = parseDateInput(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} không hợp lệ (dd/mm/yyyy).` });
        return z.NEVER;
      }
      return d;
    });

/** NFC, single spaces, no control characters and nothing a spreadsheet or HTML would interpret. */
export const SAFE_NAME = /^[^\p{Cc}<>{}=@]*$/u;
export const normaliseName = (v: string) => v.normalize("NFC").replace(/\s+/g, " ").trim();
