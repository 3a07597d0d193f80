import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";

// The one Prisma client of the app, created on first use (next build imports this without a database).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string; readPrisma?: PrismaClient; readUrl?: string };

function createClient(url: string): PrismaClient {
  // a bounded wait for a connection: when the pool is exhausted a request is told to try again
  // (lib/db/errors.ts) instead of hanging; an idle connection cut by a database restart is logged and
  // dropped, and the pool opens a new one on the next request
  const adapter = new PrismaPg(
    { connectionString: url, max: env().DATABASE_POOL_MAX, connectionTimeoutMillis: env().DATABASE_POOL_TIMEOUT_MS },
    { onPoolError: (err) => console.warn(`database: idle connection lost (${err.message})`) },
  );
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!globalForPrisma.prisma || globalForPrisma.prismaUrl !== url) {
    void globalForPrisma.prisma?.$disconnect();
    globalForPrisma.prisma = createClient(url);
    globalForPrisma.prismaUrl = url;
  }
  return globalForPrisma.prisma;
}

/**
 * The client for the figures' reads (dashboards, reports, exports, the read API): the read replica named by
 * DATABASE_READ_URL when set, else the primary. Never for a write, nor for a read that decides a write.
 */
export function getReadDb(): PrismaClient {
  const url = env().DATABASE_READ_URL;
  if (!url) return getDb();
  if (!globalForPrisma.readPrisma || globalForPrisma.readUrl !== url) {
    void globalForPrisma.readPrisma?.$disconnect();
    globalForPrisma.readPrisma = createClient(url);
    globalForPrisma.readUrl = url;
  }
  return globalForPrisma.readPrisma;
}

export { Prisma } from "@/lib/generated/prisma/client.ts";
