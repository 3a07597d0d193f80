import { z } from "zod";

// The one place that reads process.env. Parsed lazily: `next build` imports modules without a database.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL phải là một URL PostgreSQL" }),
  /** Optional read replica: dashboards, reports and exports read from it; writes always go to DATABASE_URL. */
  DATABASE_READ_URL: z.string().url({ message: "DATABASE_READ_URL phải là một URL PostgreSQL" }).optional(),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET phải dài ít nhất 16 ký tự" }),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Pool size per app process. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a request waits for a free connection before it is told to try again (ms). */
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Computed figures kept per app process (lib/cache/figures.ts); 0 turns the cache off. */
  FIGURE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Rendered dashboards kept per app process, in MB (lib/cache/pages.ts); 0 turns the page cache off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** Where the app reaches itself to render a page for the page cache; default http://127.0.0.1:$PORT. */
  PAGE_CACHE_ORIGIN: z.string().url({ message: "PAGE_CACHE_ORIGIN phải là một URL" }).optional(),
  /** How far into the future an assignment date may be entered (days). */
  MAX_FUTURE_DAYS: z.coerce.number().int().min(0).max(366).default(31),
  /** Monthly returns are on time when first submitted by this day of the following month. */
  RETURN_DUE_DAY: z.coerce.number().int().min(1).max(28).default(5),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Cấu hình môi trường không hợp lệ: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

// Session lifetimes, read apart from the rest: next-auth's options are built when a module loads, before
// (and without) a database.
const SessionEnvSchema = z.object({
  /** a session ends after this many minutes without a request from the user's browser */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** and in any case this many hours after signing in */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(8),
});

export function sessionEnv(): z.infer<typeof SessionEnvSchema> {
  const parsed = SessionEnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Cấu hình phiên đăng nhập không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Tests point the app at a fresh database per file; they call this after changing process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
}
