// Database constraint violations, in words a user can act on. Shared by the actions and the import.
export function constraintMessage(err: unknown): string | null {
  const text = `${(err as Error)?.message ?? ""} ${JSON.stringify((err as { meta?: unknown; constraint?: unknown })?.meta ?? (err as { constraint?: unknown })?.constraint ?? "")}`;
  if (text.includes("assignment_officer_no_overlap")) return "Cán bộ này đã có chức danh khác trong khoảng thời gian đó; một cán bộ chỉ giữ một chức danh tại một thời điểm.";
  if (text.includes("assignment_one_chief_per_commune")) return "Xã này đã có Trưởng Công an xã trong khoảng thời gian đó.";
  if (text.includes("officer_officer_number_key") || (text.includes("officer_number") && text.includes("Unique"))) return "Số hiệu cán bộ này đã tồn tại.";
  if (text.includes("assignment_end_after_start")) return "Ngày kết thúc phải sau ngày bắt đầu.";
  if (text.includes("committee_membership_no_overlap")) return "Cán bộ này đã tham gia cấp ủy này trong khoảng thời gian đó.";
  if (text.includes("cell_secretary_one_at_a_time")) return "Chi bộ đã có bí thư trong khoảng thời gian đó.";
  if (text.includes("officer_party_date_needs_member")) return "Chỉ nhập ngày vào Đảng cho đảng viên.";
  return null;
}
