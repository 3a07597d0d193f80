// npm test — the whole suite, in the order a failure is cheapest to find: typecheck, lint, unit +
// integration tests (vitest, real PostgreSQL), then the end-to-end tests (Playwright, real Chromium,
// against `next build` + `next start`). Stops at the first failing step.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./lib/serve";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const steps: [string, () => number][] = [
  ["typecheck", () => run(bin("tsc"), ["--noEmit"])],
  ["lint", () => run(bin("eslint"), ["--max-warnings=0", "."])],
  ["unit + integration", () => run(bin("vitest"), ["run"])],
  ["build", () => {
    buildIfNeeded();
    return 0;
  }],
  ["end-to-end", () => run(bin("playwright"), ["test"])],
];

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return r.status ?? 1;
}

const timings: string[] = [];
for (const [name, step] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  let code: number;
  try {
    code = step();
  } catch (err) {
    console.error((err as Error).message);
    code = 1;
  }
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s${code === 0 ? "" : " (FAILED)"}`);
  if (code !== 0) {
    console.error(`\n${timings.join("\n")}\nnpm test: "${name}" failed.`);
    process.exit(code);
  }
}
console.log(`\n${timings.join("\n")}\nnpm test: every step passed.`);
