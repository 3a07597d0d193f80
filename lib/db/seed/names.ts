// Realistic Vietnamese names for demo officers, by ethnicity.
import { pick, weighted } from "./random";

const FAMILY: readonly (readonly [string, number])[] = [
  ["Nguyễn", 31], ["Trần", 11], ["Lê", 9], ["Phạm", 7], ["Hoàng", 5], ["Huỳnh", 3], ["Phan", 4], ["Vũ", 4],
  ["Võ", 3], ["Đặng", 2], ["Bùi", 2], ["Đỗ", 2], ["Hồ", 2], ["Ngô", 2], ["Dương", 1], ["Lý", 1], ["Đinh", 1],
  ["Trịnh", 1], ["Lương", 1], ["Đào", 1], ["Cao", 1], ["Hà", 1], ["Tạ", 1], ["Thái", 1], ["Lưu", 1],
];
const MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Trọng", "Tiến", "Mạnh", "Anh", "Bá", "Quốc"];
const MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Kim"];
const GIVEN_M = ["An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Lộc", "Tú", "Trí", "Chiến"];
const GIVEN_F = ["Anh", "Châu", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thu", "Trang", "Vân", "Yến"];

export type Ethnicity = "Kinh" | "Thái" | "Mông" | "Khơ Mú" | "Xơ Đăng" | "Ba Na" | "Giẻ Triêng";

const ETHNIC_FAMILY: Partial<Record<Ethnicity, readonly string[]>> = {
  "Thái": ["Lò", "Vi", "Lương", "Lữ", "Lang", "Kha"],
  "Mông": ["Vừ", "Xồng", "Lầu", "Mùa", "Thò"],
  "Khơ Mú": ["Moong", "Lô", "Cụt"],
};

export function personName(r: () => number, gender: "MALE" | "FEMALE", ethnicity: Ethnicity): string {
  if (ethnicity === "Xơ Đăng" || ethnicity === "Ba Na" || ethnicity === "Giẻ Triêng") {
    // Central Highlands names: "A" for men, "Y" for women, then a given name
    const given = pick(r, gender === "MALE" ? ["Thuận", "Blưm", "Khâm", "Tuân", "Hiếu", "Quyết", "Dũng", "Bin", "Rin", "Ngọc"] : ["Lan", "Hoa", "Nhi", "Blơi", "Sương", "Thương"]);
    return `${gender === "MALE" ? "A" : "Y"} ${given}`;
  }
  const family = ETHNIC_FAMILY[ethnicity] ? pick(r, ETHNIC_FAMILY[ethnicity]!) : weighted(r, FAMILY);
  const middle = ethnicity === "Mông" && gender === "MALE" ? "Bá" : pick(r, gender === "MALE" ? MIDDLE_M : MIDDLE_F);
  const given = pick(r, gender === "MALE" ? GIVEN_M : GIVEN_F);
  return `${family} ${middle} ${given}`;
}
