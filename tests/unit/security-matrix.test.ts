import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MATRIX } from "../e2e/authz/matrix";
import { renderMatrix, withMatrix } from "../e2e/authz/render";

describe("SECURITY.md's authorization matrix", () => {
  it("is the table the e2e matrix proves (run `npm run security:matrix` after changing tests/e2e/authz/matrix.ts)", () => {
    const doc = readFileSync("SECURITY.md", "utf8");
    expect(withMatrix(doc)).toBe(doc);
  });

  it("has one row per entry, every role in every row", () => {
    const rows = renderMatrix().split("\n").slice(2);
    expect(rows).toHaveLength(MATRIX.length);
    for (const row of rows) expect(row.split(" | ")).toHaveLength(8);
  });
});
