// The authorization matrix: every page, API route and server action of the app, and what each role gets
// for a unit inside and outside its reach. tests/e2e/authz-matrix.spec.ts proves every cell against the
// running server and fails when the app has a route or action this file does not list; SECURITY.md shows
// the table rendered from here (npm run security:matrix).
import type { Fixtures, Place } from "./fixtures";

export const ROLES = ["anon", "disabled", "district", "province", "ministry", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * ok: allowed (200, or an action that ran: done, or refused for a business reason after the checks);
 * login: sent to the sign-in page; 401 / 403 / 404: refused (an action's refusal carries the same meaning).
 */
export type Outcome = "ok" | "login" | 401 | 403 | 404;
/** one outcome, or [inside the user's reach, outside it] */
export type Expect = Outcome | readonly [Outcome, Outcome];

export type Probe =
  | { kind: "page"; path: (p: Place, f: Fixtures) => string }
  | { kind: "api"; auth: "session" | "token"; method: "GET" | "POST"; path: (p: Place, f: Fixtures) => string; body?: "roster" | "reform" }
  | { kind: "action"; fields: (p: Place, f: Fixtures, self: Self) => Record<string, string> };

/** who is probing, and whether the probe is the one inside their reach */
export type Self = { username: string; inside: boolean };

export type Entry = {
  /** the route ("/units/[code]", "/api/gaps") or the action ("lib/staffing/actions.ts#transferOfficerAction") */
  key: string;
  probe: Probe;
  /** what "outside the reach" means here, when it is not "a unit of another district / province" */
  note?: string;
  expect: Record<Role, Expect>;
};

const today = () => new Date().toISOString().slice(0, 10);
const STALE = "999999";

// the usual rows: signed-out visitors go to the sign-in page (pages) or get 401 (API and actions)
const page = (path: (p: Place, f: Fixtures) => string, expect: Partial<Record<Role, Expect>> = {}): Omit<Entry, "key"> => ({
  probe: { kind: "page", path },
  expect: { anon: "login", disabled: "login", district: "ok", province: "ok", ministry: "ok", admin: "ok", ...expect },
});
const scopedPage = (path: (p: Place, f: Fixtures) => string, expect: Partial<Record<Role, Expect>> = {}) =>
  page(path, { district: ["ok", 404], province: ["ok", 404], ...expect });
const api = (path: (p: Place, f: Fixtures) => string, expect: Partial<Record<Role, Expect>> = {}, auth: "session" | "token" = "session"): Omit<Entry, "key"> => ({
  probe: { kind: "api", auth, method: "GET", path },
  expect: { anon: 401, disabled: 401, district: ["ok", 404], province: ["ok", 404], ministry: "ok", admin: "ok", ...expect },
});
// server actions: the proxy turns signed-out posts away; a disabled account passes the proxy and is refused by the action itself
const action = (fields: (p: Place, f: Fixtures, self: Self) => Record<string, string>, expect: Partial<Record<Role, Expect>>): Omit<Entry, "key"> => ({
  probe: { kind: "action", fields },
  expect: { anon: "login", disabled: 401, district: ["ok", 404], province: ["ok", 404], ministry: "ok", admin: "ok", ...expect },
});
const staffing = (fields: (p: Place, f: Fixtures) => Record<string, string>) => action(fields, { ministry: 403, admin: 403 });

/** whose token a user tries to revoke as "outside their reach" */
const OTHER_USER: Record<string, string> = { "huyen.kyson": "huyen.quynhluu", "tinh.nghean": "tinh.kontum" };

const a = (file: string, name: string) => `lib/${file}/actions.ts#${name}`;

export const MATRIX: Entry[] = [
  // pages
  { key: "/", ...page(() => "/") },
  { key: "/login", ...page(() => "/login", { anon: "ok", disabled: "ok" }), note: "a signed-in user is sent on to the dashboard (ok)" },
  { key: "/profile", ...page(() => "/profile") },
  { key: "/profile/password", ...page(() => "/profile/password"), note: "the only page open to a user who must change their password" },
  { key: "/profile/two-factor", ...page(() => "/profile/two-factor"), note: "open to a user whose role requires two-factor and who has not set it up" },
  { key: "/users", ...page(() => "/users", { district: 404, ministry: 404 }), note: "a province lists its districts' accounts, an admin every account" },
  { key: "/users/new", ...page(() => "/users/new", { district: 404, ministry: 404 }) },
  {
    key: "/users/[id]",
    ...page((p) => `/users/${p.userId}`, { district: 404, province: ["ok", 404], ministry: 404 }),
    note: "inside: a district account of Kỳ Sơn; outside: the Kon Tum province account",
  },
  { key: "/import", ...page(() => "/import"), note: "read-only roles see a notice instead of the form" },
  { key: "/officers/new", ...page(() => "/officers/new"), note: "read-only roles see a notice instead of the form" },
  { key: "/criteria", ...page(() => "/criteria") },
  { key: "/criteria/new", ...page(() => "/criteria/new", { district: 404, province: 404, ministry: 404 }) },
  { key: "/audit", ...page(() => "/audit"), note: "each user sees the audit of their own reach" },
  { key: "/reform", ...page(() => "/reform"), note: "each user lists the placements in their own reach; read-only roles see no buttons" },
  { key: "/reform/record", ...page(() => "/reform/record", { district: 404, province: 404, ministry: 404 }), note: "administrators with national reach only" },
  { key: "/units/[code]", ...scopedPage((p) => `/units/${p.communeCode}`) },
  { key: "/gaps", ...scopedPage((p) => `/gaps?unit=${p.districtCode}`) },
  { key: "/reports", ...scopedPage((p) => `/reports?unit=${p.districtCode}`) },
  { key: "/results", ...scopedPage((p) => `/results?unit=${p.districtCode}`) },
  { key: "/results/returns", ...scopedPage((p) => `/results/returns?unit=${p.districtCode}`) },
  { key: "/results/returns/[code]", ...scopedPage((p) => `/results/returns/${p.communeCode}`) },
  { key: "/officers", ...scopedPage((p) => `/officers?commune=${p.communeCode}`) },
  { key: "/officers/[id]", ...scopedPage((p) => `/officers/${p.officerId}`) },
  { key: "/criteria/[id]", ...scopedPage((p, f) => `/criteria/${f.setId}?unit=${p.districtCode}`) },
  { key: "/criteria/[id]/assess/[code]", ...scopedPage((p, f) => `/criteria/${f.setId}/assess/${p.communeCode}`, { ministry: 404, admin: 404 }) },

  // API routes used by the pages (session cookie)
  {
    key: "/api/auth/[...nextauth]",
    probe: { kind: "api", auth: "session", method: "GET", path: () => "/api/auth/csrf" },
    expect: { anon: "ok", disabled: "ok", district: "ok", province: "ok", ministry: "ok", admin: "ok" },
    note: "next-auth's own endpoints (sign-in, sign-out, CSRF token) are public",
  },
  {
    key: "/api/me",
    ...api(() => "/api/me", { district: "ok", province: "ok" }),
    note: "the signed-in user's own name, account and role (the header shows it)",
  },
  { key: "/api/gaps", ...api((p) => `/api/gaps?unit=${p.districtCode}&kind=unstaffed`) },
  { key: "/api/reports", ...api((p) => `/api/reports?unit=${p.districtCode}&format=csv`) },
  { key: "/api/results", ...api((p) => `/api/results?unit=${p.districtCode}&format=csv`) },
  { key: "/api/import/template", ...api(() => "/api/import/template?format=csv", { district: "ok", province: "ok" }) },
  {
    key: "/api/import",
    probe: { kind: "api", auth: "session", method: "POST", path: () => "/api/import", body: "roster" },
    expect: { anon: 401, disabled: 401, district: ["ok", 404], province: ["ok", 404], ministry: 403, admin: 403 },
    note: "a dry run of a one-row roster; a row outside the reach is refused row by row (404 here)",
  },

  {
    key: "/api/reforms",
    probe: { kind: "api", auth: "session", method: "POST", path: () => "/api/reforms", body: "reform" },
    expect: { anon: 401, disabled: 401, district: 403, province: 403, ministry: 403, admin: "ok" },
    note: "a dry run of a reform of one made-up commune, which the map refuses (after the checks)",
  },

  // the read API (personal token)
  { key: "/api/v1/coverage", ...api((p) => `/api/v1/coverage?unit=${p.districtCode}`, {}, "token") },
  { key: "/api/v1/gaps", ...api((p) => `/api/v1/gaps?unit=${p.districtCode}&kind=unstaffed`, {}, "token") },
  { key: "/api/v1/units/[code]/children", ...api((p) => `/api/v1/units/${p.districtCode}/children`, {}, "token") },

  // server actions (POST with the Next-Action header)
  {
    key: a("i18n", "setLocale"),
    ...action(() => ({ locale: "vi" }), { anon: "ok", disabled: "ok", district: "ok", province: "ok" }),
    note: "sets the language cookie only; also on the sign-in page, so it passes the proxy there",
  },
  { key: a("staffing", "createOfficerAction"), ...staffing((p) => ({ officerNumber: `MT${Date.now() % 1e9}`, fullName: "Nguyễn Văn Thử", rank: "THIEU_UY", gender: "MALE", communeId: String(p.communeId), post: "OFFICER", startDate: today() })) },
  { key: a("staffing", "updateOfficerAction"), ...staffing((p) => ({ id: String(p.officerId), version: STALE, officerNumber: "MT0001", fullName: "Nguyễn Văn Thử", rank: "THIEU_UY", gender: "MALE" })) },
  { key: a("staffing", "transferOfficerAction"), ...staffing((p) => ({ assignmentId: String(p.assignmentId), version: STALE, toCommuneId: String(p.communeId), post: "DEPUTY_CHIEF", date: today() })) },
  { key: a("staffing", "endAssignmentAction"), ...staffing((p) => ({ assignmentId: String(p.assignmentId), version: STALE, date: today(), reason: "OTHER" })) },
  { key: a("staffing", "correctAssignmentAction"), ...staffing((p) => ({ assignmentId: String(p.assignmentId), version: STALE, post: "OFFICER", startDate: "2021-01-01" })) },
  { key: a("staffing", "assignOfficerAction"), ...staffing((p) => ({ officerId: String(p.officerId), communeId: String(p.communeId), post: "OFFICER", startDate: today() })) },
  { key: a("staffing", "changeCommuneSettingsAction"), ...staffing((p) => ({ communeId: String(p.communeId), version: STALE, staffingNorm: "6", effectiveFrom: today() })) },
  {
    key: a("units", "confirmPlacementAction"),
    ...staffing((p) => ({ placementId: String(p.placementId) })),
    note: "the first allowed probe confirms it; later ones are refused as already confirmed (after the checks)",
  },
  { key: a("units", "movePlacementAction"), ...staffing((p) => ({ placementId: String(p.placementId), successorId: String(p.communeId) })) },
  {
    key: a("units", "makeChiefPlacementAction"),
    ...staffing((p) => ({ placementId: String(p.placementId) })),
    note: "probes a placement already confirmed (or a post the reform did not carry): refused after the checks, nothing written",
  },
  { key: a("facilities", "changeFacilityAction"), ...staffing((p) => ({ communeId: String(p.communeId), version: STALE, hqStatus: "OWN", equipment: "COMPUTER", effectiveFrom: today() })) },
  { key: a("party", "establishCellAction"), ...staffing((p) => ({ communeId: String(p.communeId), establishedOn: today(), secretaryName: "Trần Văn Bí" })) },
  { key: a("party", "changeSecretaryAction"), ...staffing((p) => ({ cellId: String(p.cellId), version: STALE, date: today(), secretaryName: "Trần Văn Bí" })) },
  { key: a("party", "dissolveCellAction"), ...staffing((p) => ({ cellId: String(p.cellId), version: STALE, date: today() })) },
  { key: a("party", "addMembershipAction"), ...staffing((p) => ({ communeId: String(p.communeId), officerId: String(p.officerId), committee: "EXECUTIVE", startDate: today() })) },
  { key: a("party", "endMembershipAction"), ...staffing((p) => ({ membershipId: String(p.membershipId), date: "2000-01-01" })) },
  {
    key: a("results", "saveReturnAction"),
    ...action((p) => ({ communeId: String(p.communeId), month: "01/2024", version: STALE }), { ministry: 403, admin: 403 }),
  },
  { key: a("results", "submitReturnAction"), ...action((p) => ({ returnId: String(p.returnId), version: STALE }), { ministry: 403, admin: 403 }) },
  { key: a("results", "approveReturnAction"), ...action((p) => ({ returnId: String(p.returnId), version: STALE }), { district: [403, 404], ministry: 403, admin: 403 }) },
  { key: a("results", "returnReturnAction"), ...action((p) => ({ returnId: String(p.returnId), version: STALE, reason: "Thiếu số liệu" }), { district: [403, 404], ministry: 403, admin: 403 }) },
  { key: a("results", "reopenReturnAction"), ...action((p) => ({ returnId: String(p.returnId), version: STALE, reason: "Sửa số liệu" }), { district: [403, 404], admin: 403 }) },
  {
    key: a("results", "createTargetAction"),
    ...action((p) => ({ unit: p.districtCode, indicator: "casesCleared", title: "Chỉ tiêu thử phân quyền", periodStart: today(), dueDate: today(), target: "5" }), { district: 403, admin: 403 }),
    note: "only province and ministry set targets; the role is checked before the unit",
  },
  { key: a("results", "reportTargetProgressAction"), ...action((p) => ({ targetId: String(p.targetId), reportedOn: today(), value: "1" }), { admin: 403 }) },
  {
    key: a("criteria", "createSetAction"),
    ...action(() => ({ name: "Bộ tiêu chí thử phân quyền", appliesTo: "XA", targetYear: "2030", passMark: "50", criteria: "Tiêu chí một" }), { district: 403, province: 403, ministry: 403, admin: "ok" }),
  },
  { key: a("criteria", "assessAction"), ...action((p, f) => ({ setId: String(f.setId), communeId: String(p.communeId), year: "2025", assessedOn: "2025-12-01", version: STALE }), { ministry: 403, admin: 403 }) },
  {
    key: a("tokens", "createTokenAction"),
    ...action(() => ({ name: "Thử phân quyền", lifetime: "30" }), { district: "ok", province: "ok" }),
  },
  {
    key: a("tokens", "revokeTokenAction"),
    // inside: a spare token of one's own; outside: the spare token of the other district or province user
    ...action((_p, f, self) => ({ tokenId: String(f.spareTokens[self.inside ? self.username : OTHER_USER[self.username] ?? ""] ?? 0) }), {}),
    note: "inside: one's own token; outside: another user's token",
  },
  {
    key: a("accounts", "changePasswordAction"),
    ...action(() => ({ currentPassword: "not-the-password", newPassword: "Một mật khẩu mới dài 2026", confirmPassword: "Một mật khẩu mới dài 2026" }), { district: "ok", province: "ok" }),
    note: "one's own account only (probed with a wrong current password)",
  },
  { key: a("accounts", "startTotpAction"), ...action(() => ({}), { district: "ok", province: "ok" }), note: "one's own account: a new secret waiting to be confirmed" },
  { key: a("accounts", "confirmTotpAction"), ...action(() => ({ code: "000000" }), { district: "ok", province: "ok" }), note: "one's own account (probed with a wrong code)" },
  { key: a("accounts", "disableTotpAction"), ...action(() => ({ currentPassword: "not-the-password", code: "000000" }), { district: "ok", province: "ok" }), note: "one's own account (two-factor is off: refused after the checks)" },

  // user management: admins, and a province for its districts' district accounts
  {
    key: a("users", "createUserAction"),
    ...action((p) => ({ username: `mt${Date.now() % 1e9}`, displayName: "Tài khoản thử phân quyền", role: "DISTRICT", unitCode: p.districtCode }), { district: 403, province: ["ok", 404], ministry: 403 }),
    note: "outside: a unit of another province",
  },
  {
    key: a("users", "updateUserAction"),
    ...action((p) => ({ id: String(p.userId), displayName: "Tài khoản thử phân quyền", role: "DISTRICT", unitCode: "99999" }), { district: 403, province: ["ok", 404], ministry: 403 }),
    note: "probed with a unit code that does not exist: refused after the checks",
  },
  { key: a("users", "setUserDisabledAction"), ...action((p) => ({ id: String(p.userId), disabled: "false" }), { district: 403, province: ["ok", 404], ministry: 403 }) },
  { key: a("users", "resetUserPasswordAction"), ...action((p) => ({ id: String(p.userId) }), { district: 403, province: ["ok", 404], ministry: 403 }) },
  { key: a("users", "resetUserTotpAction"), ...action((p) => ({ id: String(p.userId) }), { district: 403, province: ["ok", 404], ministry: 403 }) },
  { key: a("users", "setTotpPolicyAction"), ...action(() => ({ role: "MINISTRY", required: "false" }), { district: 403, province: 403, ministry: 403 }), note: "administrators only" },

  // last: they end the probing user's sessions
  { key: a("accounts", "signOutEverywhereAction"), ...action(() => ({}), { district: "ok", province: "ok" }), note: "one's own sessions only" },
  {
    key: "lib/auth/actions.ts#signOutAction",
    ...action(() => ({}), { anon: "login", disabled: "login", district: "login", province: "login", ministry: "login", admin: "login" }),
    note: "signs this browser out: its cookies are deleted and every caller is sent to the sign-in page",
  },
];
