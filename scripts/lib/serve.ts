// Runs the Next.js app against a database that is ready (migrated, seeded), building it first when the
// sources changed since the last build. Shared by `npm start` and the end-to-end test server.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [".gitignore", "app", "components", "lib", "public", "proxy.ts", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function sourceFingerprint(): string {
  const h = createHash("sha256");
  for (const s of SOURCES) h.update(`${s}:${newestMtime(path.join(ROOT, s))};`);
  return h.digest("hex");
}

/** Builds with `next build` unless .next holds a build of exactly these sources. */
export function buildIfNeeded(log: (s: string) => void = console.log): void {
  const marker = path.join(ROOT, ".next", "source-fingerprint");
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint;
  if (built) return;
  log("Đang build ứng dụng (lần đầu hoặc mã nguồn đã thay đổi)…");
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("next build thất bại");
  writeFileSync(marker, fingerprint);
}

/** A NEXTAUTH_SECRET for local runs, kept in .data/ so sessions survive restarts. */
export function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The app process's V8 heap limit unless NODE_OPTIONS says otherwise: left alone, V8 lets the heap of a busy
 * node grow past 600 MB before collecting; capped at 288 MB the process stays under 500 MB resident at 50
 * concurrent clients for a small loss of throughput (BENCHMARKS.md, docs/deployment.md).
 */
export const APP_NODE_OPTIONS = process.env.NODE_OPTIONS ?? "--max-old-space-size=288";

/** Starts `next start` (or `next dev`) and resolves when it exits; SIGINT/SIGTERM are passed on. */
export function runNext(opts: { mode: "start" | "dev"; port: number; env: Record<string, string> }): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [NEXT_BIN, opts.mode, "-p", String(opts.port)], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: APP_NODE_OPTIONS, ...opts.env },
    });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? 0);
    });
  });
}
