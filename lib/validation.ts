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

// Control characters (other than tab and line breaks) and lone surrogates: PostgreSQL refuses NUL outright,
// and none of them belongs in a note a person typed.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}]/u;

/** Does `v` hold a control character (other than tab and line breaks) or a lone surrogate? */
export const hasControlChars = (v: string) => CONTROL.test(v);

const freeTextBase = (label: string, max: number) =>
  z
    .string({ message: `${capitalise(label)} không hợp lệ.` })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .max(max, { message: `${capitalise(label)} dài quá ${max.toLocaleString("vi-VN")} ký tự.` })
        .refine((v) => !hasControlChars(v), { message: `${capitalise(label)} có ký tự điều khiển không hợp lệ; hãy gõ lại.` }),
    );

/** Optional free text (a note, a description): NFC, trimmed, at most `max` characters, no control characters; empty is null. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${capitalise(label)} không hợp lệ.` })
    .optional()
    .transform((v) => v ?? "")
    .pipe(freeTextBase(label, max))
    .transform((v) => v || null);

/** Required free text (a reason, a title) of at least `min` characters; `missing` is the message when it is shorter. */
export const requiredText = (label: string, min: number, max: number, missing: string) =>
  z.string({ message: missing }).pipe(freeTextBase(label, max)).refine((v) => v.length >= min, { message: missing });

/** NFC, single spaces, no control characters and nothing a spreadsheet or HTML would interpret. */
export const SAFE_NAME = /^[^\p{Cc}<>{}=@]*$/u;
export const normaliseName = (v: string) => v.normalize("NFC").replace(/\s+/g, " ").trim();
