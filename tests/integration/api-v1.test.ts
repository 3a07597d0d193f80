// The read API: personal tokens (hashed, shown once, revocable, read-only, scoped to their owner's unit)
// and the three routes, whose JSON carries the same figures as the dashboard functions.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as coverageRoute from "@/app/api/v1/coverage/route";
import * as gapsRoute from "@/app/api/v1/gaps/route";
import * as childrenRoute from "@/app/api/v1/units/[code]/children/route";
import type { Viewer } from "@/lib/auth/session";
import { getGapList, GapQuerySchema } from "@/lib/coverage/gaps";
import { getCoverage } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import { runAction } from "@/lib/actions/scoped";
import { CreateTokenSchema, RevokeTokenSchema } from "@/lib/tokens/schemas";
import { createToken, revokeToken } from "@/lib/tokens/service";
import { withTestDatabase } from "../support/db";
import { unitId } from "../support/viewers";

const db = withTestDatabase("tmpl_demo");
const d = (s: string) => s as IsoDate;

async function userViewer(username: string): Promise<Viewer> {
  const r = await db.client().query(
    `SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.code FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE username = $1`,
    [username],
  );
  const u = r.rows[0];
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitCode: u.code };
}

async function newToken(viewer: Viewer, name = "Báo cáo tuần", lifetime = "90") {
  const r = await runAction(viewer, CreateTokenSchema, "manage:ownTokens", createToken, { name, lifetime });
  if (!r.ok) throw new Error(r.message);
  return r.data as { id: number; secret: string; prefix: string };
}

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
async function get(route: { GET: unknown }, url: string, token?: string, params: Record<string, string> = {}) {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const res = await (route.GET as Handler)(new NextRequest(new URL(url, "http://localhost"), { headers }), { params: Promise.resolve(params as never) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { message: string } }, headers: res.headers };
}

let ministry: Viewer;
let ngheAn: Viewer;
let kySon: Viewer;
let tokens: { ministry: string; ngheAn: string; kySon: string };

beforeAll(async () => {
  [ministry, ngheAn, kySon] = await Promise.all([userViewer("bo.vanphong"), userViewer("tinh.nghean"), userViewer("huyen.kyson")]);
  tokens = { ministry: (await newToken(ministry)).secret, ngheAn: (await newToken(ngheAn)).secret, kySon: (await newToken(kySon)).secret };
});

describe("the API agrees with the dashboard", () => {
  it.each([
    ["ministry", null, "2021-04-23"],
    ["ministry", "62", "2019-04-23"],
    ["ngheAn", "40", "2020-06-30"],
    ["ngheAn", "417", "2026-11-21"],
    ["kySon", null, "2021-04-23"],
  ] as const)("coverage for %s of %s on %s", async (who, code, asOf) => {
    const viewer = { ministry, ngheAn, kySon }[who];
    const res = await get(coverageRoute, `/api/v1/coverage?asOf=${asOf}${code ? `&unit=${code}` : ""}`, tokens[who]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ownCode = code ?? viewer.unitCode;
    const expected = await getCoverage(viewer, ownCode ? await unitId(db.client(), ownCode) : null, d(asOf));
    expect(res.body.asOf).toBe(asOf);
    expect(res.body.figures).toEqual(expected.total);
    expect(res.body.children).toEqual(expected.children.map((c) => ({ code: c.code, name: c.name, level: c.level, type: c.type, figures: c.figures })));
    expect((res.body.unit as { code: string } | null)?.code ?? null).toBe(ownCode);
  });

  it("the national figures of 23/04/2021 are the published ones", async () => {
    const res = await get(coverageRoute, "/api/v1/coverage?asOf=23/04/2021", tokens.ministry);
    expect(res.body.figures).toMatchObject({ inProgramme: 8876, staffed: 8876, officers: 46104, officersPerCommune: 5.2, coveragePercent: 100 });
    expect(res.body.children).toHaveLength(63);
  });

  it("a district's children are its communes, as on the district dashboard", async () => {
    const res = await get(childrenRoute, "/api/v1/units/417/children?asOf=2021-04-23", tokens.kySon, { code: "417" });
    expect(res.status).toBe(200);
    const expected = await getCoverage(kySon, kySon.unitId, d("2021-04-23"));
    expect((res.body.children as { code: string; figures: unknown }[]).map((c) => [c.code, c.figures])).toEqual(expected.children.map((c) => [c.code, c.figures]));
    expect(res.body.unit).toMatchObject({ code: "417", name: "Huyện Kỳ Sơn", level: "DISTRICT" });
  });

  it("gap lists page through the same rows as the gap page", async () => {
    const asOf = d("2020-01-31"); // between Nghệ An's phases: 142 communes still unstaffed
    const query = GapQuerySchema.parse({ kind: "unstaffed" });
    const all = await getGapList(ngheAn, ngheAn.unitId, asOf, query, null, "all");
    expect(all.total).toBeGreaterThan(10);
    const page2 = await get(gapsRoute, `/api/v1/gaps?kind=unstaffed&asOf=${asOf}&page=2&pageSize=10`, tokens.ngheAn);
    expect(page2.status).toBe(200);
    expect(page2.body).toMatchObject({ kind: "unstaffed", total: all.total, page: 2, pageSize: 10, pageCount: Math.ceil(all.total / 10) });
    expect(page2.body.rows).toEqual(all.rows.slice(10, 20).map(({ href: _h, id: _i, ...r }) => r));
    // narrowed to the district of the first unstaffed commune
    const district = (
      await db.client().query(`SELECT p.code FROM unit c JOIN unit_version v ON v.unit_id = c.id JOIN unit p ON p.id = v.parent_id WHERE c.code = $1 LIMIT 1`, [all.rows[0]!.communeCode])
    ).rows[0].code as string;
    const within = await get(gapsRoute, `/api/v1/gaps?kind=unstaffed&asOf=${asOf}&within=${district}&pageSize=1000`, tokens.ngheAn);
    const expectedWithin = await getGapList(ngheAn, ngheAn.unitId, asOf, query, await unitId(db.client(), district), "all");
    expect(expectedWithin.total).toBeGreaterThan(0);
    expect(expectedWithin.total).toBeLessThan(all.total);
    expect(within.body.total).toBe(expectedWithin.total);
    expect(within.body.rows).toEqual(expectedWithin.rows.map(({ href: _h, id: _i, ...r }) => r));
  });
});

describe("scope", () => {
  it("a unit outside the token owner's unit is 404 on every route", async () => {
    expect((await get(coverageRoute, "/api/v1/coverage?unit=62", tokens.ngheAn)).status).toBe(404);
    expect((await get(coverageRoute, "/api/v1/coverage?unit=40", tokens.kySon)).status).toBe(404); // its own province
    expect((await get(childrenRoute, "/api/v1/units/62/children", tokens.ngheAn, { code: "62" })).status).toBe(404);
    expect((await get(gapsRoute, "/api/v1/gaps?kind=noChief&unit=62", tokens.ngheAn)).status).toBe(404);
    expect((await get(gapsRoute, "/api/v1/gaps?kind=noChief&within=621", tokens.ngheAn)).status).toBe(404);
    expect((await get(coverageRoute, "/api/v1/coverage?unit=99999", tokens.ministry)).status).toBe(404); // no such unit
  });

  it("a token follows its owner: moved to another unit, it reads there; disabled, it reads nothing", async () => {
    const owner = await userViewer("huyen.quynhluu");
    const { secret } = await newToken(owner, "Di chuyển");
    expect((await get(coverageRoute, "/api/v1/coverage?unit=421", secret)).status).toBe(200);
    await db.client().query(`UPDATE app_user SET unit_id = $1 WHERE username = 'huyen.quynhluu'`, [await unitId(db.client(), "417")]);
    expect((await get(coverageRoute, "/api/v1/coverage?unit=421", secret)).status).toBe(404);
    expect((await get(coverageRoute, "/api/v1/coverage?unit=417", secret)).status).toBe(200);
    await db.client().query(`UPDATE app_user SET disabled = true WHERE username = 'huyen.quynhluu'`);
    expect((await get(coverageRoute, "/api/v1/coverage?unit=417", secret)).status).toBe(401);
  });
});

describe("tokens", () => {
  it("are stored as a hash only, shown once, and listed by their prefix", async () => {
    const { id, secret, prefix } = await newToken(ngheAn, "Kiểm tra lưu trữ");
    expect(secret).toMatch(/^cax_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    const row = (await db.client().query(`SELECT * FROM api_token WHERE id = $1`, [id])).rows[0];
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await db.client().query(`SELECT action, after FROM audit_log WHERE entity = 'api_token' AND entity_id = $1`, [String(id)]);
    expect(audit.rows).toEqual([{ action: "create", after: expect.objectContaining({ name: "Kiểm tra lưu trữ", prefix }) }]);
    expect(JSON.stringify(audit.rows)).not.toContain(secret.slice(4));
  });

  it("a revoked token gets 401 at once; revoking is audited and cannot be repeated", async () => {
    const { id, secret } = await newToken(ngheAn, "Sẽ thu hồi");
    expect((await get(coverageRoute, "/api/v1/coverage", secret)).status).toBe(200);
    const r = await runAction(ngheAn, RevokeTokenSchema, "manage:ownTokens", revokeToken, { tokenId: String(id) });
    expect(r.ok).toBe(true);
    const res = await get(coverageRoute, "/api/v1/coverage", secret);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(res.body.error!.message).toContain("Cần mã truy cập hợp lệ");
    const again = await runAction(ngheAn, RevokeTokenSchema, "manage:ownTokens", revokeToken, { tokenId: String(id) });
    expect(again).toMatchObject({ ok: false, conflict: true });
    const audit = await db.client().query(`SELECT action FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(audit.rows.map((a) => a.action)).toEqual(["create", "revoke"]);
  });

  it("no one can revoke someone else's token", async () => {
    const { id, secret } = await newToken(ngheAn, "Của Nghệ An");
    const r = await runAction(kySon, RevokeTokenSchema, "manage:ownTokens", revokeToken, { tokenId: String(id) });
    expect(r).toMatchObject({ ok: false, notFound: true });
    expect((await get(coverageRoute, "/api/v1/coverage", secret)).status).toBe(200);
  });

  it("an expired token gets 401; a used one records when", async () => {
    const { id, secret } = await newToken(kySon, "Hết hạn", "30");
    const before = (await db.client().query(`SELECT expires_at, last_used_at FROM api_token WHERE id = $1`, [id])).rows[0];
    expect(before.last_used_at).toBeNull();
    expect(before.expires_at.getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect((await get(coverageRoute, "/api/v1/coverage", secret)).status).toBe(200);
    expect((await db.client().query(`SELECT last_used_at FROM api_token WHERE id = $1`, [id])).rows[0].last_used_at).not.toBeNull();
    await db.client().query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await get(coverageRoute, "/api/v1/coverage", secret)).status).toBe(401);
  });

  it("without a token, with a malformed one, a session-less guess or a wrong scheme: 401", async () => {
    for (const token of [undefined, "", "cax_short", `cax_${"A".repeat(43)}`, tokens.ngheAn.slice(0, -1) + (tokens.ngheAn.endsWith("A") ? "B" : "A")]) {
      expect((await get(coverageRoute, "/api/v1/coverage", token)).status).toBe(401);
    }
    const res = await coverageRoute.GET(new NextRequest("http://localhost/api/v1/coverage", { headers: { authorization: `Basic ${tokens.ngheAn}` } }), { params: Promise.resolve({}) as never });
    expect(res.status).toBe(401);
  });

  it("names are checked", async () => {
    const r = await runAction(ngheAn, CreateTokenSchema, "manage:ownTokens", createToken, { name: "  ", lifetime: "forever" });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.fieldErrors).toMatchObject({ name: [expect.stringContaining("Đặt tên")], lifetime: ["Chọn thời hạn của mã."] });
  });

  it("the API is read-only: its routes answer GET and nothing else", () => {
    for (const route of [coverageRoute, gapsRoute, childrenRoute]) {
      expect(Object.keys(route).filter((k) => /^(POST|PUT|PATCH|DELETE)$/.test(k))).toEqual([]);
    }
  });
});

describe("bad parameters get a 400 with a Vietnamese message", () => {
  it.each([
    [coverageRoute, "/api/v1/coverage?asOf=31/02/2021", {}, "Ngày số liệu không hợp lệ"],
    [coverageRoute, "/api/v1/coverage?asof=2021-04-23", {}, "Tham số không được hỗ trợ: asof."],
    [coverageRoute, "/api/v1/coverage?unit=40;DROP", {}, "Mã đơn vị gồm 2 đến 5 chữ số"],
    [childrenRoute, "/api/v1/units/abc/children", { code: "abc" }, "Mã đơn vị gồm 2 đến 5 chữ số"],
    [gapsRoute, "/api/v1/gaps", {}, "Loại danh sách (kind) phải là một trong"],
    [gapsRoute, "/api/v1/gaps?kind=unstaffed&sort=password", {}, "Không sắp xếp được theo cột này"],
    [gapsRoute, "/api/v1/gaps?kind=unstaffed&page=0", {}, "Trang (page)"],
    [gapsRoute, "/api/v1/gaps?kind=unstaffed&pageSize=100000", {}, "Cỡ trang"],
  ] as const)("%#: %s", async (route, url, params, message) => {
    const res = await get(route, url, tokens.ministry, params);
    expect(res.status).toBe(400);
    expect(res.body.error!.message).toContain(message);
  });
});
