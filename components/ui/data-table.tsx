// The one look of a data table: bordered card, scrolls sideways on a phone, header row that repeats
// on every printed page. Cells are the caller's.
export type Column = { label: string; align?: "left" | "right" };

export function DataTable({ columns, testId, caption, children }: { columns: Column[]; testId?: string; caption?: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="min-w-full text-sm" data-testid={testId}>
        {caption && <caption className="px-3 py-2 text-left text-xs text-stone-500">{caption}</caption>}
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-3 py-2 ${c.align === "right" ? "text-right" : "text-left"}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 align-top">{children}</tbody>
      </table>
    </div>
  );
}
