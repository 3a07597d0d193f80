"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Coverage over time. Colours from the Okabe–Ito set (safe for colour-blind readers); each series also has
// its own dash pattern and the legend names it, so no line is told apart by colour alone.

export type SeriesChartPoint = { date: string; staffed: number; fullyStaffed: number; officers: number };
export type SeriesChartMarker = { date: string; label: string; kind: "plan" | "phaseStart" | "phaseTarget" | "reform" };

type Labels = { staffed: string; fullyStaffed: string; officers: string; communesAxis: string; officersAxis: string };

export function SeriesChart({ points, markers, labels, locale }: { points: SeriesChartPoint[]; markers: SeriesChartMarker[]; labels: Labels; locale: "vi" | "en" }) {
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const num = new Intl.NumberFormat(tag);
  const month = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  // markers snap to the first month end on or after their date, so they sit on the category axis
  // and are numbered as in the list under the chart (labels side by side would overlap)
  const snapped = markers.map((m) => ({ ...m, at: points.find((p) => p.date >= m.date)?.date }));
  return (
    <div className="h-72 w-full" data-testid="series-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
          <XAxis dataKey="date" tickFormatter={month} tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis yAxisId="communes" tickFormatter={(v: number) => num.format(v)} tick={{ fontSize: 11 }} width={56} label={{ value: labels.communesAxis, angle: -90, position: "insideLeft", fontSize: 11, dy: 40 }} />
          <YAxis yAxisId="officers" orientation="right" tickFormatter={(v: number) => num.format(v)} tick={{ fontSize: 11 }} width={60} label={{ value: labels.officersAxis, angle: 90, position: "insideRight", fontSize: 11, dy: -30 }} />
          <Tooltip labelFormatter={(v) => day(String(v))} formatter={(v) => num.format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {snapped.map((m, i) => m.at !== undefined && (
            <ReferenceLine
              key={`${m.kind}-${m.date}-${i}`}
              yAxisId="communes"
              x={m.at}
              stroke={m.kind === "phaseTarget" ? "#d55e00" : m.kind === "reform" ? "#cc79a7" : "#57534e"}
              strokeDasharray={m.kind === "phaseTarget" ? "2 3" : m.kind === "reform" ? undefined : "6 3"}
              strokeWidth={m.kind === "reform" ? 2 : 1}
              label={{ value: String(i + 1), position: "top", fontSize: 10, fontWeight: 600, fill: "#44403c" }}
            />
          ))}
          <Line yAxisId="communes" type="stepAfter" dataKey="staffed" name={labels.staffed} stroke="#0072b2" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="communes" type="stepAfter" dataKey="fullyStaffed" name={labels.fullyStaffed} stroke="#009e73" strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          <Line yAxisId="officers" type="stepAfter" dataKey="officers" name={labels.officers} stroke="#e69f00" strokeWidth={2} strokeDasharray="2 2" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
