import os from "node:os";
import path from "node:path";

/** Where scripts/e2e-server.ts leaves the URL of the database the e2e server runs on. */
export function e2eDatabaseFile(port: number): string {
  return path.join(os.tmpdir(), `congan-e2e-${port}.database-url`);
}
