"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Child units side by side: of each unit's in-programme communes, how many are fully staffed, staffed
// below norm, and not staffed. Stacked to 100%, Okabe–Ito colours plus a legend; the table below it
// holds the same numbers for readers who do not use the chart.

export type ChildBar = { name: string; fully: number; partly: number; none: number };
type Labels = { fully: string; partly: string; none: string; axis: string };

/** "Tỉnh Kon Tum" → "Kon Tum", "Thành phố Hà Nội" → "TP Hà Nội": axis labels stay short. */
function shortName(name: string) {
  return name
    .replace(/^(Tỉnh|Huyện|Xã|Phường|Quận|Thị trấn|Thị xã) /, "")
    .replace(/^Thành phố /, "TP ");
}

export function ChildrenChart({ rows, labels, locale }: { rows: ChildBar[]; labels: Labels; locale: "vi" | "en" }) {
  const num = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB");
  const data = rows.map((r) => ({ ...r, short: shortName(r.name) }));
  const many = data.length > 12;
  return (
    <div className="h-80 w-full" data-testid="children-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} stackOffset="expand" margin={{ top: 4, right: 8, bottom: many ? 40 : 4, left: 0 }} barCategoryGap={many ? 1 : "20%"}>
          <CartesianGrid stroke="#e7e5e4" vertical={false} />
          <XAxis dataKey="short" interval={0} tick={{ fontSize: many ? 9 : 11 }} angle={many ? -60 : 0} textAnchor={many ? "end" : "middle"} height={many ? 70 : 30} />
          <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} width={44} label={{ value: labels.axis, angle: -90, position: "insideLeft", fontSize: 11, dy: 50 }} />
          <Tooltip labelFormatter={(_, p) => String(p?.[0]?.payload?.name ?? "")} formatter={(v) => num.format(Number(v))} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          <Bar dataKey="fully" name={labels.fully} stackId="s" fill="#0072b2" isAnimationActive={false} />
          <Bar dataKey="partly" name={labels.partly} stackId="s" fill="#56b4e9" isAnimationActive={false} />
          <Bar dataKey="none" name={labels.none} stackId="s" fill="#e69f00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
