// The HTTP part of `npm run bench`: one node under load, then two nodes behind a proxy (./http.ts).
import pg from "pg";
import { todayInVietnam } from "@/lib/dates";
import { buildIfNeeded } from "../lib/serve";
import { load, signIn, startNode, startProxy, type LoadResult } from "./http";
import { summarize, type Stats } from "./stats";

export type HttpResults = {
  http: LoadResult[];
  /** milliseconds of the first request of each target, on an empty figure cache */
  firstRequest: Record<string, number>;
  xlsxNationalCommunes: Stats;
  peakRssMb: number;
  twoNodes?: { load: LoadResult; identicalBeforeWrite: boolean; identicalAfterWrite: boolean; changedByWrite: boolean };
};

// the dashboard is asked for as a browser asks for a document, so the page cache answers it (ADR 0014):
// uncompressed, as every run before; compressed, as browsers ask (Next gzips every answer, also those of the
// cache); and uncompressed with the cache turned off for each request, which is what every view cost before
// the cache and what a view costs after each write
const DOCUMENT = { accept: "text/html,application/xhtml+xml" };
const TARGETS: { target: string; path: string; headers?: Record<string, string> }[] = [
  { target: "dashboard (national)", path: "/", headers: DOCUMENT },
  { target: "dashboard (national), gzip", path: "/", headers: { ...DOCUMENT, "accept-encoding": "gzip, deflate, br" } },
  { target: "dashboard (national), rendered every time", path: "/", headers: { ...DOCUMENT, "x-page-cache": "fill" } },
  { target: "report XLSX (national)", path: "/api/reports?format=xlsx" },
  { target: "report PDF (national)", path: "/api/reports?format=pdf" },
];

export async function benchHttp(url: string, opts: { seconds: number; twoNodes: boolean; log: (s: string) => void }): Promise<HttpResults> {
  buildIfNeeded(opts.log);
  const first = await startNode(url);
  const nodes = [first];
  try {
    const base = `http://127.0.0.1:${first.port}`;
    const cookie = await signIn(base, "bo.vanphong");
    const http: LoadResult[] = [];
    const firstRequest: Record<string, number> = {};
    for (const t of TARGETS) {
      // the first request fills the figure cache (a cold start, or the first view after a write): timed apart
      const t0 = performance.now();
      await fetch(`${base}${t.path}`, { headers: { ...t.headers, cookie } }).then((r) => r.arrayBuffer());
      firstRequest[t.target] = Math.round(performance.now() - t0);
      opts.log(`${t.target.padEnd(26)} first request (cold figure cache): ${firstRequest[t.target]} ms`);
      for (const connections of [1, 10, 50]) {
        const r = await load({ target: t.target, url: `${base}${t.path}`, cookie, headers: t.headers, connections, seconds: opts.seconds, nodes: [first] });
        // each run starts on a node that has finished the one before
        r.busyAfterMs = await untilQuiet(base);
        http.push(r);
        opts.log(`${t.target.padEnd(26)} ${String(connections).padStart(2)} clients: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors + r.non2xx}, RSS ${r.peakRssMb} MB, busy after ${r.busyAfterMs} ms`);
      }
    }
    // the largest file: every commune of the country, one at a time
    const xlsx: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/api/reports?format=xlsx&detail=communes`, { headers: { cookie } });
      if (!res.ok) throw new Error(`bench: commune-level XLSX answered ${res.status}`);
      await res.arrayBuffer();
      xlsx.push(performance.now() - t);
    }
    const xlsxNationalCommunes = summarize(xlsx);
    opts.log(`national commune-level XLSX: p50 ${xlsxNationalCommunes.p50} ms, max ${xlsxNationalCommunes.max} ms`);
    const result: HttpResults = { http, firstRequest, xlsxNationalCommunes, peakRssMb: Math.max(...http.map((h) => h.peakRssMb)) };

    if (opts.twoNodes) {
      const second = await startNode(url);
      nodes.push(second);
      const proxy = await startProxy([first.port, second.port]);
      try {
        const csv = (port: number) => fetch(`http://127.0.0.1:${port}/api/reports?format=csv`, { headers: { cookie } }).then((r) => r.text());
        const before = await Promise.all([csv(first.port), csv(second.port)]);
        const r = await load({ target: "dashboard (national), 2 nodes", url: `http://127.0.0.1:${proxy.port}/`, cookie, headers: DOCUMENT, connections: 50, seconds: opts.seconds, nodes });
        opts.log(`2 nodes behind a proxy, 50 clients: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, errors ${r.errors + r.non2xx}, RSS ${r.peakRssMb} MB`);
        // a write outside both nodes (as an import or a fix in SQL would be): both must show it at once
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const today = todayInVietnam();
          const a = await client.query<{ id: number }>(
            `UPDATE assignment SET end_date = $1, end_reason = 'OTHER' WHERE id = (SELECT min(id) FROM assignment WHERE end_date IS NULL AND start_date < $1) RETURNING id`,
            [today],
          );
          const after = await Promise.all([csv(first.port), csv(second.port)]);
          await client.query(`UPDATE assignment SET end_date = NULL, end_reason = NULL WHERE id = $1`, [a.rows[0]!.id]);
          result.twoNodes = { load: r, identicalBeforeWrite: before[0] === before[1], identicalAfterWrite: after[0] === after[1], changedByWrite: after[0] !== before[0] };
          opts.log(`2 nodes: identical figures ${result.twoNodes.identicalBeforeWrite && result.twoNodes.identicalAfterWrite}, a write seen by both ${result.twoNodes.changedByWrite && result.twoNodes.identicalAfterWrite}`);
        } finally {
          await client.end();
        }
      } finally {
        await proxy.close();
      }
    }
    return result;
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

/** Waits until the node answers its sign-in page in under 50 ms three times running; the milliseconds waited. */
async function untilQuiet(base: string): Promise<number> {
  const t0 = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - t0 < 120_000) {
    const t = performance.now();
    await fetch(`${base}/login`).then((r) => r.arrayBuffer());
    quick = performance.now() - t < 50 ? quick + 1 : 0;
    if (quick === 0) await new Promise((r) => setTimeout(r, 100));
  }
  return Math.round(performance.now() - t0);
}
