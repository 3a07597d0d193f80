"use client";

import { useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { formatter, type Locale } from "@/lib/i18n";

// The series chart as a table, for readers who do not use the chart: a closed <details> whose rows are drawn
// when it is opened, from the very points the chart was given (sent to the browser once). Drawn on the server
// as well, its 80-odd hidden rows made a fifth of the national dashboard's weight.

export type SeriesTableRow = { date: string; inProgramme: number; staffed: number; fullyStaffed: number; officers: number };
type Labels = { summary: string; date: string; inProgramme: string; staffed: string; fullyStaffed: string; officers: string };

export function SeriesTable({ points, labels, locale }: { points: SeriesTableRow[]; labels: Labels; locale: Locale }) {
  const [open, setOpen] = useState(false);
  const fmt = formatter(locale);
  return (
    <details className="text-sm print:hidden" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-brand-700">{labels.summary}</summary>
      {open && (
        <div className="mt-2 max-h-80 overflow-y-auto">
          <DataTable
            testId="series-table"
            figures="dense"
            columns={[
              { label: labels.date },
              { label: labels.inProgramme, align: "right" },
              { label: labels.staffed, align: "right" },
              { label: labels.fullyStaffed, align: "right" },
              { label: labels.officers, align: "right" },
            ]}
          >
            {[...points].reverse().map((p) => (
              <tr key={p.date}>
                <th scope="row" className="font-normal tabular-nums">{fmt.date(p.date)}</th>
                <td>{fmt.number(p.inProgramme)}</td>
                <td>{fmt.number(p.staffed)}</td>
                <td>{fmt.number(p.fullyStaffed)}</td>
                <td>{fmt.number(p.officers)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </details>
  );
}
