import { NextResponse, type NextRequest } from "next/server";
import { can } from "@/lib/actions/scoped";
import { getViewer } from "@/lib/auth/session";
import { withPgClient } from "@/lib/db/pg";
import { ImportFileError, MAX_IMPORT_BYTES, readSpreadsheet } from "@/lib/import/read";
import { importRoster } from "@/lib/import/run";

export const dynamic = "force-dynamic";

/**
 * POST multipart/form-data: file (.xlsx/.csv), commit ("1" to write; otherwise a dry run).
 * Answers the import report as JSON. The session, the permission and the scope of every row are checked here.
 */
export async function POST(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại." }, { status: 401 });
  if (!can(viewer, "write:staffing")) return NextResponse.json({ error: "Tài khoản của bạn không có quyền nhập dữ liệu." }, { status: 403 });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return NextResponse.json({ error: "Tệp quá lớn; giới hạn là 20 MB." }, { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ error: "Yêu cầu không hợp lệ: cần gửi tệp theo dạng multipart/form-data." }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File)) return NextResponse.json({ error: "Chưa chọn tệp." }, { status: 400 });
  try {
    const sheet = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()), file.name);
    const report = await withPgClient((client) =>
      importRoster(client, { id: viewer.id, role: viewer.role, unitId: viewer.unitId }, sheet, { commit: form.get("commit") === "1" }),
    );
    return NextResponse.json(report);
  } catch (err) {
    if (err instanceof ImportFileError) return NextResponse.json({ error: err.message }, { status: 400 });
    console.error("import failed", err);
    return NextResponse.json({ error: "Không nhập được do lỗi hệ thống; chưa có dữ liệu nào được ghi." }, { status: 500 });
  }
}
