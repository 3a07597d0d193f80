import "server-only";
import { isNotFoundSignal } from "@/lib/api/session-route";
import { isTransientDbError, TRY_AGAIN } from "@/lib/db/errors";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/session";
import type { Figures } from "@/lib/coverage/figures";
import { GAP_COLUMNS, GAP_KINDS, type GapKind } from "@/lib/coverage/gaps";
import type { ChildFigures } from "@/lib/coverage/queries";
import { todayInVietnam } from "@/lib/dates";
import { dateParam, firstIssue, unitCodeParam } from "@/lib/reports/params";
import { authenticateToken } from "@/lib/tokens/service";
import type { UnitOnDate } from "@/lib/units/queries";

// The read API (/api/v1, documented in docs/api.md). Every route goes through apiRoute(): a personal API
// token (Authorization: Bearer cax_…) or 401; parameters checked by one zod schema per route, 400 with the
// first problem in Vietnamese; a unit outside the token owner's scope 404; any other failure 500 without
// internals. Answers are JSON with the same figures as the dashboards (getCoverage, getGapList).

type RouteContext<P> = { params: Promise<P> };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "private, no-store", ...headers } });
}

export const apiError = (status: 400 | 401 | 404 | 500 | 503, message: string, headers: Record<string, string> = {}) =>
  apiJson({ error: { status, message } }, status, headers);

export const notFoundError = () => apiError(404, "Không tìm thấy đơn vị trong phạm vi của mã truy cập.");

export function apiRoute<P = Record<string, never>>(handler: (request: NextRequest, viewer: Viewer, params: P) => Promise<Response>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    let viewer;
    try {
      viewer = await authenticateToken(request.headers.get("authorization"));
    } catch (err) {
      if (isTransientDbError(err)) return apiError(503, TRY_AGAIN, { "Retry-After": "5" });
      throw err;
    }
    if (!viewer) {
      return apiError(401, "Cần mã truy cập hợp lệ: gửi tiêu đề Authorization: Bearer <mã>. Mã có thể đã bị thu hồi hoặc hết hạn.", {
        "WWW-Authenticate": 'Bearer realm="cong-an-xa", error="invalid_token"',
      });
    }
    try {
      return await handler(request, viewer, await context.params);
    } catch (err) {
      // the figure functions answer 404 through Next's notFound() when a unit is outside the scope
      if (isNotFoundSignal(err)) return notFoundError();
      if (isTransientDbError(err)) return apiError(503, TRY_AGAIN, { "Retry-After": "5" });
      console.error("api/v1 failed", err);
      return apiError(500, "Lỗi hệ thống; hãy thử lại sau.");
    }
  };
}

/** Parses the query string with `schema`: the data, or a 400 response naming the first problem. */
export function parseQuery<S extends z.ZodType>(request: NextRequest, schema: S): { data: z.infer<S> } | { response: Response } {
  const raw = Object.fromEntries(request.nextUrl.searchParams);
  const parsed = schema.safeParse({ asOf: todayInVietnam(), ...raw });
  return parsed.success ? { data: parsed.data } : { response: apiError(400, firstIssue(parsed.error)) };
}

/** Unknown parameters are refused by name, so a typo ("asof") is not silently ignored. */
const strict = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys" ? `Tham số không được hỗ trợ: ${(issue.keys ?? []).join(", ")}.` : undefined,
};

export const CoverageQuerySchema = z.strictObject({ unit: unitCodeParam.optional(), asOf: dateParam("Ngày số liệu") }, strict);
export const ChildrenQuerySchema = z.strictObject({ asOf: dateParam("Ngày số liệu") }, strict);

export const GapsQuerySchema = z
  .strictObject(
    {
      kind: z.enum(GAP_KINDS, { message: `Loại danh sách (kind) phải là một trong: ${GAP_KINDS.join(", ")}.` }),
      unit: unitCodeParam.optional(),
      asOf: dateParam("Ngày số liệu"),
      q: z.string().trim().max(100, "Từ khóa tìm kiếm dài quá 100 ký tự.").default(""),
      within: unitCodeParam.optional(),
      sort: z.string().max(40).optional(),
      dir: z.enum(["asc", "desc"], { message: "Chiều sắp xếp (dir) phải là asc hoặc desc." }).optional(),
      page: z.coerce.number({ message: "Trang (page) phải là số nguyên từ 1." }).int("Trang (page) phải là số nguyên từ 1.").min(1, "Trang (page) phải là số nguyên từ 1.").default(1),
      pageSize: z.coerce.number().int().min(1).max(1000, "Cỡ trang (pageSize) từ 1 đến 1000.").default(100),
    },
    strict,
  )
  .refine((q) => !q.sort || GAP_COLUMNS[q.kind as GapKind].some((c) => c.key === q.sort && c.sortable), {
    message: "Không sắp xếp được theo cột này (sort).",
    path: ["sort"],
  });

export const unitJson = (u: UnitOnDate | null) => (u ? { code: u.code, name: u.name, level: u.level, type: u.type } : null);

export const figuresJson = (f: Figures) => ({ ...f });

export const childJson = (c: ChildFigures) => ({ code: c.code, name: c.name, level: c.level, type: c.type, figures: figuresJson(c.figures) });
