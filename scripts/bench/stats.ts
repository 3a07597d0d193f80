// Percentiles of a list of timings (milliseconds), nearest-rank.
export type Stats = { runs: number; p50: number; p95: number; p99: number; max: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  // two decimals below 10 ms: a district's figures take under a millisecond, where tenths would make the
  // ratio to the floor a matter of rounding (0.9 / 0.6 = 1.5, 0.86 / 0.64 = 1.34)
  const r = (x: number) => (x < 10 ? Math.round(x * 100) / 100 : Math.round(x * 10) / 10);
  return { runs: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? 0) };
}
