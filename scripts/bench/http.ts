// The HTTP benchmark: `next start` on the benchmark database, loaded over loopback with autocannon at 1, 10
// and 50 concurrent clients (bounded duration), signed in as the ministry. Peak RSS of the app's processes
// is sampled from /proc during the load. With two nodes, the same load goes through a small round-robin
// proxy in front of two `next start` processes sharing the database.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { freePort } from "@/lib/db/embedded";
import { DEMO_PASSWORD } from "@/lib/db/seed/demo";
import { APP_NODE_OPTIONS } from "../lib/serve";
import { summarize } from "./stats";

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

export type Node = { port: number; proc: ChildProcess; stop: () => Promise<void> };

export async function startNode(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Node> {
  const port = await freePort();
  const proc = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: APP_NODE_OPTIONS, // as npm start runs the app
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench-secret",
      ...extraEnv,
    },
  });
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/login`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    port,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      jar.set(k!.trim(), v.join("="));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  keep(r);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`bench: sign-in as ${username} failed (${r.status})`);
  return cookie();
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
export function treeRssMb(rootPid: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parent) if (ppid === pids[i]) pids.push(pid);
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}

export type LoadResult = {
  target: string;
  nodes: number;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
  /** milliseconds the node(s) stayed busy after the load ended: answers autocannon hung up on still being made */
  busyAfterMs?: number;
};

/** autocannon against `url` for `seconds` with `connections` clients; samples the RSS of `pids` meanwhile. */
export async function load(opts: { target: string; url: string; cookie: string; headers?: Record<string, string>; connections: number; seconds: number; nodes: Node[] }): Promise<LoadResult> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, opts.nodes.reduce((s, n) => s + (n.proc.pid ? treeRssMb(n.proc.pid) : 0), 0));
  };
  const timer = setInterval(sample, 250);
  const latencies: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: opts.url, connections: opts.connections, duration: opts.seconds, headers: { ...opts.headers, cookie: opts.cookie }, timeout: 30 },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    // every response's latency, for exact percentiles (autocannon's summary has no p95)
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  clearInterval(timer);
  sample();
  const s = summarize(latencies);
  return {
    target: opts.target,
    nodes: opts.nodes.length,
    connections: opts.connections,
    seconds: opts.seconds,
    requests: r.requests.total,
    rps: Math.round((r.requests.total / opts.seconds) * 10) / 10,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    peakRssMb: peak,
  };
}

/** A round-robin loopback proxy in front of `ports`. */
export async function startProxy(ports: number[]): Promise<{ port: number; close: () => Promise<void> }> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const port = ports[next++ % ports.length]!;
    const up = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers, agent }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => {
      res.writeHead(502).end();
    });
    req.pipe(up);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
