import { isTransientDbError, TRY_AGAIN } from "@/lib/db/errors";
import { can } from "@/lib/actions/scoped";
import { routeError, sessionRoute } from "@/lib/api/session-route";
import { withPgClient } from "@/lib/db/pg";
import { ImportFileError, MAX_IMPORT_BYTES, readSpreadsheet } from "@/lib/import/read";
import { importFile } from "@/lib/import/run";

export const dynamic = "force-dynamic";

/**
 * POST multipart/form-data: file (.xlsx/.csv), commit ("1" to write; otherwise a dry run).
 * Answers progress lines and then the import report, as NDJSON; a file that cannot be read is a 400 with JSON. The session, the permission and the scope of every row are checked here.
 */
export const POST = sessionRoute("import", async (request, viewer) => {
  if (!can(viewer, "write:staffing")) return routeError(403, "Tài khoản của bạn không có quyền nhập dữ liệu.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return routeError(413, "Tệp quá lớn; giới hạn là 20 MB.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return routeError(400, "Yêu cầu không hợp lệ: cần gửi tệp theo dạng multipart/form-data.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return routeError(400, "Chưa chọn tệp.");
  let sheet;
  try {
    sheet = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (err) {
    if (err instanceof ImportFileError) return routeError(400, err.message);
    console.error("import: reading the file failed", err);
    return routeError(400, "Không đọc được tệp.");
  }
  const commit = form.get("commit") === "1";
  const actor = { id: viewer.id, role: viewer.role, unitId: viewer.unitId };
  // NDJSON: {"progress":n,"total":m} lines while it runs, then {"report":…} (or {"error":…}) last.
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      try {
        const report = await withPgClient((client) =>
          importFile(client, actor, sheet, { commit, onProgress: (done, total) => send({ progress: done, total }) }),
        );
        send({ report });
      } catch (err) {
        console.error("import failed", err);
        send({ error: isTransientDbError(err) ? TRY_AGAIN : "Không nhập được do lỗi hệ thống; chưa có dữ liệu nào được ghi." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
