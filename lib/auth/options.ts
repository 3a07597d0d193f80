import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { verifyPassword } from "./password";
import { LoginSchema } from "./schemas";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// next-auth v4, credentials + JWT sessions. The token carries only the user id; who the user is and
// what they may see is read from the database on every request (lib/auth/session.ts), so disabling a
// user or changing their unit takes effect at once. NEXTAUTH_SECRET is read by next-auth itself.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      async authorize(credentials) {
        const parsed = LoginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const user = await getDb().user.findUnique({
          where: { username: parsed.data.username },
          select: { id: true, displayName: true, passwordHash: true, disabled: true },
        });
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
        if (!user || !ok || user.disabled) return null;
        return { id: String(user.id), name: user.displayName };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: typeof token.uid === "number" ? token.uid : undefined };
    },
  },
};
