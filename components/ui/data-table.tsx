// The one look of a data table: bordered card, scrolls sideways on a phone, header row that repeats
// on every printed page. Cells are the caller's; a table of figures (`figures`) styles them itself
// (app/globals.css, .figure-table): numbers right-aligned, the row header on the left, its link brand-coloured.
import Link from "next/link";

/** `sortHref` makes the header a link that sorts by this column; `sorted` marks the current order. */
export type Column = { label: string; align?: "left" | "right"; sortHref?: string; sortLabel?: string; sorted?: "asc" | "desc" };

type Props = {
  columns: Column[];
  testId?: string;
  caption?: string;
  /** the body's cells are figures; `"dense"` rows are lower, `"hover"` rows light up under the pointer */
  figures?: true | "dense" | "hover";
  children: React.ReactNode;
};

export function DataTable({ columns, testId, caption, figures, children }: Props) {
  const look = figures === undefined ? "" : ` figure-table${figures === "dense" ? " dense" : figures === "hover" ? " row-hover" : ""}`;
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className={`min-w-full text-sm${look}`} data-testid={testId}>
        {caption && <caption className="px-3 py-2 text-left text-xs text-stone-500">{caption}</caption>}
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                aria-sort={c.sorted === "asc" ? "ascending" : c.sorted === "desc" ? "descending" : undefined}
                className={`px-3 py-2 ${c.align === "right" ? "text-right" : "text-left"}`}
              >
                {c.sortHref ? (
                  <Link href={c.sortHref} scroll={false} aria-label={c.sortLabel} className="inline-flex items-center gap-1 hover:text-brand-800 hover:underline print:no-underline">
                    {c.label}
                    <span aria-hidden className={`print:hidden ${c.sorted ? "text-brand-800" : "text-stone-400"}`}>
                      {c.sorted === "asc" ? "▲" : c.sorted === "desc" ? "▼" : "↕"}
                    </span>
                  </Link>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 align-top">{children}</tbody>
      </table>
    </div>
  );
}
