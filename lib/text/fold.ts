// Folds Vietnamese text for search: "Nguyễn Văn An" → "nguyen van an", "Đắk Long" → "dak long".
// Input in NFD (combining marks) and NFC (precomposed) folds to the same string.
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
