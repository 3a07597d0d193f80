import os from "node:os";
import path from "node:path";

/** Where scripts/e2e-server.ts leaves the URL of the database the e2e server runs on. */
export function e2eDatabaseFile(port: number): string {
  return path.join(os.tmpdir(), `congan-e2e-${port}.database-url`);
}

/** Where it leaves its process id: SIGUSR2 to it restarts the database under the running app (the fault test). */
export function e2eServerPidFile(port: number): string {
  return path.join(os.tmpdir(), `congan-e2e-${port}.pid`);
}

/** The NEXTAUTH_SECRET of the e2e server: the inactivity tests sign session tokens of their own with it. */
export const E2E_NEXTAUTH_SECRET = "e2e-secret-that-is-long-enough-123";
