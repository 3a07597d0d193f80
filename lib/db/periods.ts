import { Prisma } from "@/lib/db";

// The two ways a row holds for a while, written once for every statement (DOMAIN.md §"Definitions"):
//   active  = an assignment, membership, cell or secretaryship on date d: start <= d and (no end or end > d)
//             (the end is the first day no longer served)
//   validOn = a versioned row — a unit version, a commune setting, a facility record — in force on d: either
//             bound may be open, the lower one included, the upper one not
// For Prisma's tagged statements, `d` is a Prisma.Sql: onDate(iso) binds a date, onColumn("t.d") names a
// date column of the statement. Statements written as text for pg take validOnText with "$1" or a column.

/** An ISO date bound as a parameter of a Prisma statement. */
export const onDate = (iso: string) => Prisma.sql`${iso}::date`;

/** A date column of the statement (`t.d`, `r.effective_on`): SQL text, never a value from a user. */
export const onColumn = (column: string) => Prisma.raw(column);

/** Active on `d`: `alias.from <= d AND (alias.to IS NULL OR alias.to > d)`. */
export const active = (alias: string, from: string, to: string, d: Prisma.Sql) =>
  Prisma.sql`${Prisma.raw(`${alias}.${from}`)} <= ${d} AND (${Prisma.raw(`${alias}.${to}`)} IS NULL OR ${Prisma.raw(`${alias}.${to}`)} > ${d})`;

/** A versioned row (`valid_from`/`valid_to`, either open) in force on `d`. */
export const validOn = (alias: string, d: Prisma.Sql) =>
  Prisma.sql`(${Prisma.raw(`${alias}.valid_from`)} IS NULL OR ${Prisma.raw(`${alias}.valid_from`)} <= ${d}) AND (${Prisma.raw(`${alias}.valid_to`)} IS NULL OR ${Prisma.raw(`${alias}.valid_to`)} > ${d})`;

/** validOn for a statement written as text for pg: `d` is a placeholder (`$1`, `$2::date`) or a column. */
export const validOnText = (alias: string, d: string) =>
  `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${d}) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${d})`;
