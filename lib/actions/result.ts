// The one result shape of every server action (and of the services they call).
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; notFound?: boolean; conflict?: boolean; forbidden?: boolean; signedOut?: boolean; retry?: boolean };

/** A refusal the user can act on, with a Vietnamese message. Services throw it; the wrapper returns it. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly opts: { fieldErrors?: FieldErrors; notFound?: boolean; conflict?: boolean; forbidden?: boolean } = {},
  ) {
    super(message);
  }
}

/** The message of an input that failed its schema; the field errors say what to fix. */
export const INVALID_INPUT = "Dữ liệu chưa hợp lệ; hãy sửa các ô được đánh dấu.";

/** A schema's issues as field errors (top-level field → messages), the shape every form shows. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  return out;
}

export const NOT_IN_SCOPE = "Không tìm thấy dữ liệu này trong phạm vi quản lý của tài khoản.";
export const STALE_VERSION =
  "Bản ghi vừa được người khác thay đổi. Hãy tải lại trang để xem dữ liệu mới nhất rồi nhập lại thay đổi của bạn.";
export const FORBIDDEN = "Tài khoản của bạn không có quyền thực hiện thao tác này.";
export const MUST_CHANGE_PASSWORD = "Hãy đổi mật khẩu trước khi làm việc khác (Hồ sơ → Đổi mật khẩu).";
export const MUST_ENROL_TOTP = "Vai trò của bạn bắt buộc đăng nhập hai bước. Hãy thiết lập ứng dụng xác thực trước (Hồ sơ → Xác thực hai bước).";
/** An action that failed for a reason nobody foresaw (logged as an error): hostile input must never get this far. */
export const SYSTEM_FAILURE = "Không lưu được do lỗi hệ thống; chưa có thay đổi nào được ghi. Vui lòng thử lại.";
export const SIGNED_OUT = "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.";

/** A refusal because of the viewer's role (the HTTP 403 of an action); the unit scope answers notFound instead. */
export function forbidden(message: string = FORBIDDEN): ActionError {
  return new ActionError(message, { forbidden: true });
}
