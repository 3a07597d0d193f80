// Writes the authorization matrix (tests/e2e/authz/matrix.ts, proven by tests/e2e/authz-matrix.spec.ts) into SECURITY.md.
import { readFileSync, writeFileSync } from "node:fs";
import { withMatrix } from "../tests/e2e/authz/render";

const file = new URL("../SECURITY.md", import.meta.url);
writeFileSync(file, withMatrix(readFileSync(file, "utf8")));
console.log("SECURITY.md: matrix updated");
