// Failures of the database itself (not of the data): a restart, a lost connection, an exhausted pool.
// Nothing was written — every write runs in one transaction — so the user is told to try again.

export const TRY_AGAIN = "Cơ sở dữ liệu tạm thời không phản hồi (đang khởi động lại hoặc quá tải); chưa có thay đổi nào được ghi. Vui lòng thử lại sau ít giây.";

const TRANSIENT =
  /timeout exceeded when trying to connect|Connection terminated|connection (?:is )?closed|ECONNREFUSED|ECONNRESET|EPIPE|terminating connection due to administrator command|the database system is (?:shutting down|starting up|in recovery mode)|Client has encountered a connection error|Can't reach database server|server closed the connection unexpectedly|ConnectionClosed|DatabaseNotReachable|\bP1001\b|\bP1017\b|\bP2024\b|57P01|57P03|08006|08001|08003/i;

/** Is `err` (from Prisma, its pg adapter or pg itself) a database outage rather than a problem with the data? */
export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const o = e as { message?: unknown; code?: unknown; cause?: unknown; originalMessage?: unknown; meta?: unknown };
    let meta = "";
    try {
      meta = JSON.stringify(o.meta ?? "");
    } catch {
      // a circular meta says nothing useful
    }
    const text = `${String(o.message ?? "")} ${String(o.code ?? "")} ${String(o.originalMessage ?? "")} ${meta}`;
    if (TRANSIENT.test(text)) return true;
    e = o.cause;
  }
  return false;
}
