import os from "node:os";
import path from "node:path";

/** Where scripts/e2e-server.ts leaves the URL of the database the e2e server runs on. */
export function e2eDatabaseFile(port: number): string {
  return path.join(os.tmpdir(), `congan-e2e-${port}.database-url`);
}

/** The NEXTAUTH_SECRET of the e2e server: the inactivity tests sign session tokens of their own with it. */
export const E2E_NEXTAUTH_SECRET = "e2e-secret-that-is-long-enough-123";
