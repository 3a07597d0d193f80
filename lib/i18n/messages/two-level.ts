import type { MessageKey } from "./vi";

// Wording on the two-level map (after the 1 July 2025 reform): the commune level is no longer "xã, thị trấn"
// (there are no thị trấn any more; there are xã, phường and đặc khu), so figures of a date after a reform that
// ended the district level say "đơn vị cấp xã". Only the keys that differ are listed; the rest is the same.
export const twoLevelVi: Partial<Record<MessageKey, string>> = {
  "figures.coverage": "Đơn vị cấp xã đã bố trí Công an chính quy",
  "figures.fullyStaffedHint": "đơn vị cấp xã có đủ số cán bộ theo định biên",
  "figures.perCommune": "Bình quân mỗi đơn vị cấp xã",
  "children.heading.COMMUNE": "Theo xã, phường, đặc khu",
  "series.staffed": "Đơn vị cấp xã đã bố trí",
  "series.communesAxis": "Số đơn vị cấp xã",
  "childrenChart.axis": "Tỷ lệ đơn vị cấp xã",
  "map.label": "Bản đồ ô các tỉnh, thành phố, tô màu theo tỷ lệ đơn vị cấp xã đã bố trí đến ngày {date}",
  "map.tile": "{name}: {coverage} đơn vị cấp xã đã bố trí; {fully} đủ định biên; {officers} cán bộ; bình quân {perCommune}/xã",
  "gaps.help.unstaffed": "Đơn vị cấp xã thuộc diện triển khai nhưng chưa có cán bộ nào đang đảm nhiệm.",
  "gaps.help.underNorm": "Đơn vị cấp xã có số cán bộ ít hơn định biên; cột “Thiếu” là số cán bộ cần bổ sung.",
  "gaps.help.noChief": "Đơn vị cấp xã thuộc diện triển khai chưa có đồng chí đảm nhiệm chức danh Trưởng Công an xã.",
  "gaps.help.noHeadquarters": "Đơn vị cấp xã thuộc diện triển khai mà Công an xã chưa có trụ sở riêng (đang xây dựng, mượn tạm, chưa có, hoặc chưa cập nhật).",
  "report.summary": "Tính đến ngày {date}, {police} đã bố trí {officers} cán bộ Công an chính quy đảm nhiệm các chức danh Công an xã tại {staffed}/{inProgramme} đơn vị cấp xã, đạt {percent}, trung bình mỗi đơn vị cấp xã {perCommune} đồng chí.",
  "report.summaryNone": "Tính đến ngày {date}, {police} chưa bố trí cán bộ Công an chính quy tại đơn vị cấp xã nào trong số {communes} đơn vị cấp xã thuộc diện triển khai.",
  "report.summaryEmpty": "Tính đến ngày {date}, {police} chưa có đơn vị cấp xã thuộc diện triển khai bố trí Công an chính quy.",
  "report.summaryFully": "Có {fully} đơn vị cấp xã đã bố trí đủ định biên ({percent}).",
  "report.summaryChange": "So với ngày {date}, số đơn vị cấp xã đã bố trí {communes}; số cán bộ {officers}.",
  "report.series.caption": "Số đơn vị cấp xã thuộc diện, đã bố trí và đủ định biên vào cuối mỗi tháng.",
};

export const twoLevelEn: Partial<Record<MessageKey, string>> = {
  "figures.coverage": "Commune-level units with regular police",
  "figures.perCommune": "Officers per commune-level unit",
  "children.heading.COMMUNE": "By commune, ward and special zone",
};
