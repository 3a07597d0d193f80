import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";

// The one Prisma client of the app, created on first use (next build imports this without a database).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string };

function createClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_MAX });
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

export { Prisma } from "@/lib/generated/prisma/client.ts";
