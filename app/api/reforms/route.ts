import { NextResponse } from "next/server";
import { fieldErrorsOf, FORBIDDEN, INVALID_INPUT } from "@/lib/actions/result";
import { routeError, sessionRoute } from "@/lib/api/session-route";
import { isTransientDbError, TRY_AGAIN } from "@/lib/db/errors";
import { withPgClient } from "@/lib/db/pg";
import type { ReformFiles } from "@/lib/units/reform-files";
import { ReformProblems } from "@/lib/units/reform-files";
import { canRecordReform, prepareReform, recordReform } from "@/lib/units/reform-record";
import { MAX_REFORM_FILE_BYTES, RecordReformSchema, REFORM_FILE_FIELDS } from "@/lib/units/reform-schemas";

export const dynamic = "force-dynamic";

const problemsResponse = (err: ReformProblems) => NextResponse.json({ error: err.title, problems: err.problems }, { status: 400, headers: { "Cache-Control": "no-store" } });

/**
 * POST multipart/form-data: name, effectiveOn, source ("bundled" | "upload"), the files units, mapping and
 * provinces when uploading, commit ("1" to record; otherwise a dry run). National administrators only.
 * Bad input is a 400 with JSON { error, fieldErrors | problems }; then NDJSON: {"step":…} lines while it runs
 * and {"result":…} or {"error":…, "problems":[…]} last.
 */
export const POST = sessionRoute("reforms", async (request, viewer) => {
  if (!canRecordReform(viewer)) return routeError(403, FORBIDDEN);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > 3 * MAX_REFORM_FILE_BYTES + 64 * 1024) return routeError(413, "Tệp quá lớn; mỗi tệp tối đa 10 MB.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return routeError(400, "Yêu cầu không hợp lệ: cần gửi theo dạng multipart/form-data.");
  }
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const parsed = RecordReformSchema.safeParse({ name: text("name"), effectiveOn: text("effectiveOn"), source: text("source"), commit: text("commit") });
  // the files are checked along with the fields, so one answer lists everything to fix
  const fileErrors: Record<string, string[]> = {};
  const files: Partial<ReformFiles> = {};
  if (text("source") === "upload") {
    for (const k of REFORM_FILE_FIELDS) {
      const f = form.get(k);
      if (!(f instanceof File) || f.size === 0) fileErrors[k] = ["Chưa chọn tệp."];
      else if (f.size > MAX_REFORM_FILE_BYTES) fileErrors[k] = ["Tệp quá lớn; tối đa 10 MB."];
      else {
        try {
          files[k] = new TextDecoder("utf-8", { fatal: true }).decode(await f.arrayBuffer());
        } catch {
          fileErrors[k] = ["Tệp phải là CSV mã hóa UTF-8."];
        }
      }
    }
  }
  if (!parsed.success || Object.keys(fileErrors).length) {
    const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error.issues)), ...fileErrors };
    return NextResponse.json({ error: parsed.success ? "Cần đủ ba tệp CSV hợp lệ." : INVALID_INPUT, fieldErrors }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const input = parsed.data;
  const uploaded = input.source === "upload" ? (files as ReformFiles) : null;
  let reform;
  try {
    reform = prepareReform(input, uploaded);
  } catch (err) {
    if (err instanceof ReformProblems) return problemsResponse(err);
    throw err;
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      try {
        const result = await withPgClient((client) => recordReform(client, viewer, reform, { commit: input.commit, onStep: (step) => send({ step }) }));
        send({ result });
      } catch (err) {
        if (err instanceof ReformProblems) send({ error: err.title, problems: err.problems });
        else {
          console.error("reform failed", err);
          send({ error: isTransientDbError(err) ? TRY_AGAIN : "Không ghi được do lỗi hệ thống; chưa có thay đổi nào được ghi." });
        }
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
