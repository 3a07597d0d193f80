// Hostile input at every server action, API parameter and import (issue 8), over plain HTTP as an
// attacker would send it. Every action of the build is taken from the authorization matrix (so a new
// action is covered as soon as it is listed there), signed in as a role allowed to run it, and each of
// its fields gets each hostile value. Every answer must be a clear Vietnamese refusal (or an ordinary,
// audited acceptance of text that is legitimately text), never a crash, a stack trace or SQL; and the
// database is compared before and after: a row count and checksum of every table.
// Runs in its own Playwright project, alone, because it compares the whole database.
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import ExcelJS from "exceljs";
import { loadFixtures, MATRIX_PASSWORD, type Fixtures } from "./authz/fixtures";
import { actionResult, builtActions, postAction, signedInContext, type ManifestAction } from "./authz/http";
import { MATRIX, type Role } from "./authz/matrix";
import { SYSTEM_FAILURE } from "../../lib/actions/result";
import { signIn } from "./helpers";
import { withE2eDb } from "./support/db";

test.describe.configure({ mode: "serial" });

const NFD_NGHE_AN = "Nghệ An".normalize("NFD");
const HOSTILE: [string, string][] = [
  ["empty", ""],
  ["huge", "Ạ".repeat(200_000)],
  ["negative", "-1"],
  ["zero", "0"],
  ["overflow", "1e309"],
  ["not a number", "NaN"],
  ["hex", "0x1F"],
  ["30 digits", "9".repeat(30)],
  ["script", "<script>alert(1)</script>"],
  ["html attribute", '"><img src=x onerror=alert(1)>'],
  ["sql", "'; DROP TABLE officer; --"],
  ["sql tautology", "1 OR 1=1"],
  ["combining marks (NFD)", NFD_NGHE_AN],
  ["NUL", "a\u0000b"],
  ["right-to-left override", "\u202Egnp.exe"],
  ["lone surrogate", "\uD800"],
  ["emoji", "😀"],
  ["31 February", "31/02/2024"],
  ["zero date", "00/00/0000"],
  ["year 99999", "01/01/99999"],
  ["negative date", "-2024-01-01"],
  ["year 1", "0001-01-01"],
  ["far future", "9999-12-31"],
  ["formula", '=HYPERLINK("http://x","y")'],
];

const VIETNAMESE = /[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/i;
const LEAK = /prisma|postgres|\bSELECT\b|\bINSERT\b|\bUPDATE\b|syntax error|invalid input|violates|\bat \S+ \(|TypeError|ReferenceError|RangeError|stack|node_modules/i;

/** Every table: row count and an md5 of all rows (login attempts and token last-use times excepted: signing in writes them). */
async function snapshot(): Promise<Record<string, string>> {
  return withE2eDb(async (c) => {
    const tables = (await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('login_attempt', '_migrations', '_prisma_migrations') ORDER BY 1`)).rows;
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const cols = t === "api_token" ? "id, user_id, name, token_hash, revoked_at" : t === "app_user" ? "id, username, password_hash, role, unit_id, disabled, session_version, totp_secret" : `"${t}".*`;
      const r = await c.query<{ n: string; h: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM (SELECT ${cols} FROM "${t}") x`);
      out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ""}`;
    }
    return out;
  });
}

const auditCount = () => withE2eDb(async (c) => Number((await c.query(`SELECT count(*) AS n FROM audit_log`)).rows[0].n));

let fixtures: Fixtures;
let actions: ManifestAction[];
const contexts = {} as Partial<Record<Role, APIRequestContext>>;
const USERNAMES: Partial<Record<Role, string>> = { district: "huyen.kyson", province: "tinh.nghean", ministry: "bo.vanphong", admin: "quantri" };

test.beforeAll(async ({ baseURL }) => {
  fixtures = await withE2eDb((c) => loadFixtures(c, Object.values(USERNAMES) as string[]));
  actions = builtActions();
  for (const [role, username] of Object.entries(USERNAMES) as [Role, string][]) contexts[role] = await signedInContext(baseURL, username, MATRIX_PASSWORD);
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts).map((c) => c!.dispose()));
});

// the field names of a probe do not depend on the place: read them with placeholders
const anything: never = new Proxy({}, { get: (_t, k) => (k === Symbol.toPrimitive ? () => "0" : anything) }) as never;
const hasInput = (e: (typeof MATRIX)[number]) => e.probe.kind === "action" && Object.keys(e.probe.fields(anything, anything, { username: "", inside: true })).length > 0;

/** Actions that take input, each with a role allowed to run it inside its reach. Sign-out-everywhere would end the session. */
const targets = MATRIX.flatMap((e) => {
  if (e.probe.kind !== "action" || !hasInput(e) || e.key.endsWith("#signOutEverywhereAction") || e.key.endsWith("#setLocale")) return [];
  const role = (["district", "province", "admin", "ministry"] as Role[]).find((r) => {
    const x = e.expect[r];
    return (Array.isArray(x) ? x[0] : x) === "ok";
  });
  return role ? [{ entry: e, role, probe: e.probe }] : [];
});

test("every server action that takes input is covered", () => {
  const noInput = MATRIX.filter((e) => e.probe.kind === "action" && !hasInput(e)).map((e) => e.key);
  const built = builtActions().map((a) => a.key).filter((k) => !k.endsWith("#signOutEverywhereAction") && !k.endsWith("#setLocale") && !noInput.includes(k));
  expect(built.filter((k) => !targets.some((t) => t.entry.key === k))).toEqual([]);
  expect(noInput.sort()).toEqual(["lib/accounts/actions.ts#signOutEverywhereAction", "lib/accounts/actions.ts#startTotpAction", "lib/auth/actions.ts#signOutAction"]);
});

for (const { entry, role, probe } of targets) {
  test(`hostile input to ${entry.key}`, async () => {
    const act = actions.find((a) => a.key === entry.key)!;
    const base = probe.fields(fixtures.places.kyson, fixtures, { username: USERNAMES[role]!, inside: true });
    const fields = Object.keys(base);
    const before = await snapshot();
    const auditBefore = await auditCount();
    let accepted = 0;
    const problems: string[] = [];
    for (const field of fields) {
      for (const [label, value] of HOSTILE) {
        const res = await postAction(contexts[role]!, act, fixtures, { ...base, [field]: value });
        const text = await res.text();
        const r = res.status() === 200 ? actionResult(text) : null;
        if (!r) {
          problems.push(`${field} ← ${label}: HTTP ${res.status()} ${text.slice(0, 120)}`);
          continue;
        }
        if (r.ok) {
          accepted++;
          continue;
        }
        const said = [r.message ?? "", ...Object.values(r.fieldErrors ?? {}).flat()];
        if (!VIETNAMESE.test(r.message ?? "")) problems.push(`${field} ← ${label}: not a Vietnamese message: ${r.message}`);
        // the generic failure means the value got past validation and broke something below it (a NUL reaching PostgreSQL, say)
        if (r.message === SYSTEM_FAILURE) problems.push(`${field} ← ${label}: not caught by validation (a system failure)`);
        for (const m of said) if (LEAK.test(m)) problems.push(`${field} ← ${label}: leaks: ${m.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    if (accepted === 0) {
      expect(await snapshot()).toEqual(before);
    } else {
      // text that is legitimately text (a name typed with combining marks, say) may be saved: every such write is audited
      expect(await auditCount()).toBeGreaterThanOrEqual(auditBefore + 1);
    }
  });
}

test("hostile API parameters get 200, 400 or 404 with a short Vietnamese error, never a 500 or a leak; nothing is written", async () => {
  const before = await snapshot();
  const problems: string[] = [];
  const apis = MATRIX.filter((e) => e.probe.kind === "api" && e.probe.method === "GET" && e.probe.auth === "session" && !e.key.startsWith("/api/auth"));
  for (const e of apis) {
    if (e.probe.kind !== "api") continue;
    const url = new URL(e.probe.path(fixtures.places.kyson, fixtures), "http://x");
    const params = [...url.searchParams.keys(), "asOf"];
    for (const p of params) {
      for (const [label, value] of HOSTILE.filter(([l]) => l !== "huge")) {
        const u = new URL(url);
        u.searchParams.set(p, value);
        const res = await contexts.district!.get(`${u.pathname}${u.search}`, { maxRedirects: 0 });
        const body = await res.text();
        if (![200, 400, 404].includes(res.status())) problems.push(`${e.key} ${p} ← ${label}: HTTP ${res.status()}`);
        if (res.status() !== 200 && LEAK.test(body)) problems.push(`${e.key} ${p} ← ${label}: leaks ${body.slice(0, 200)}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

test("hostile import files are refused with Vietnamese reasons, and a committed import with any bad row writes nothing", async () => {
  const before = await snapshot();
  const header = "Số hiệu;Họ và tên;Cấp bậc;Giới tính;Ngày sinh;Dân tộc;Đảng viên;Ngày vào Đảng;Mã xã;Chức danh;Ngày bắt đầu;Ngày kết thúc;Lý do kết thúc";
  const commune = fixtures.places.kyson.communeCode;
  const good = `HX${commune}1;Lê Thị Thử;Thiếu úy;Nữ;01/01/1998;Kinh;Không;;${commune};Cán bộ Công an xã;01/06/2024;;`;
  const files: [string, Buffer][] = [
    ["empty", Buffer.alloc(0)],
    ["binary", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))],
    ["xlsx that is not one", Buffer.from("PK\u0003\u0004 not really a zip")],
    ...HOSTILE.filter(([l]) => l !== "huge").map(([label, v]): [string, Buffer] => [
      `row with ${label}`,
      Buffer.from(`\uFEFF${header}\r\n${good}\r\nHX${commune}2;${v};${v};Nữ;${v};${v};Không;;${v};Cán bộ Công an xã;${v};;\r\n`),
    ]),
  ];
  const problems: string[] = [];
  for (const [label, buffer] of files) {
    const res = await contexts.district!.post("/api/import", {
      multipart: { file: { name: label === "xlsx that is not one" ? "x.xlsx" : "x.csv", mimeType: "text/csv", buffer }, commit: "1" },
    });
    const body = await res.text();
    if (![200, 400, 413, 415].includes(res.status())) problems.push(`${label}: HTTP ${res.status()}`);
    if (LEAK.test(body)) problems.push(`${label}: leaks ${body.slice(0, 200)}`);
    if (!VIETNAMESE.test(body)) problems.push(`${label}: no Vietnamese reason: ${body.slice(0, 200)}`);
  }
  expect(problems).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

test("a name typed with combining marks (NFD) finds what the precomposed one finds", async ({ page }) => {
  await signIn(page, "tinh.nghean");
  const names = async (q: string) => {
    await page.goto(`/officers?q=${encodeURIComponent(q)}`);
    return page.getByRole("table").first().innerText();
  };
  const officer = await withE2eDb(async (c) => (await c.query(`SELECT full_name FROM officer o JOIN assignment a ON a.officer_id = o.id WHERE a.commune_id = $1 LIMIT 1`, [fixtures.places.kyson.communeId])).rows[0].full_name as string);
  const nfc = await names(officer.normalize("NFC"));
  expect(nfc).toContain(officer.normalize("NFC"));
  expect(await names(officer.normalize("NFD"))).toBe(nfc);
});

test("HTML and formulas in a unit's name are inert on the page, in the PDF, the XLSX and the CSV", async ({ page, baseURL }) => {
  const evil = `<img src=x onerror="window.__pwned=1">=HYPERLINK("http://evil","x")`;
  const district = fixtures.places.kyson.districtCode;
  const communeId = fixtures.places.kyson.communeId;
  const original = await withE2eDb(async (c) => {
    const r = await c.query(`SELECT name FROM unit_version WHERE unit_id = $1 AND valid_to IS NULL`, [communeId]);
    await c.query(`UPDATE unit_version SET name = $2 WHERE unit_id = $1 AND valid_to IS NULL`, [communeId, evil]);
    return r.rows[0].name as string;
  });
  try {
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await signIn(page, "huyen.kyson");
    await page.goto(`/units/${district}`);
    await expect(page.getByText(evil).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);

    const ctx = await request.newContext({ baseURL, storageState: await page.context().storageState() });
    const xlsx = await ctx.get(`/api/reports?unit=${district}&format=xlsx`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    let found = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) throw new Error(`a formula cell: ${cell.formula}`);
          if (typeof cell.value === "string" && cell.value.includes("<img")) found++;
        }),
      ),
    );
    expect(found).toBeGreaterThan(0);

    const csv = await (await ctx.get(`/api/reports?unit=${district}&format=csv`)).text();
    expect(csv).toContain("<img");
    expect(csv).not.toMatch(/(^|[;,\n])"?=HYPERLINK/);

    const pdf = await ctx.get(`/api/reports?unit=${district}&format=pdf`);
    expect(pdf.status()).toBe(200);
    const raw = (await pdf.body()).toString("latin1");
    expect(raw.startsWith("%PDF")).toBe(true);
    expect(raw).not.toMatch(/\/JavaScript|\/JS\s|\/Launch|\/URI|\/OpenAction/);
    await ctx.dispose();
  } finally {
    await withE2eDb((c) => c.query(`UPDATE unit_version SET name = $2 WHERE unit_id = $1 AND valid_to IS NULL`, [communeId, original]));
  }
});
