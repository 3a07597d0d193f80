import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "./client-ip";
import { LoginSchema } from "./schemas";
import { attemptSignIn } from "./sign-in";

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
      async authorize(credentials, req) {
        const parsed = LoginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const result = await attemptSignIn(parsed.data.username, parsed.data.password, clientIp(headers["x-forwarded-for"]));
        // next-auth passes an thrown error's message to the sign-in form (result.error)
        if (!result.ok && result.reason === "locked") throw new Error(`LOCKED:${result.until.toISOString()}`);
        if (!result.ok) return null;
        return { id: String(result.user.id), name: result.user.displayName, sv: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sv?: number }).sv ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: typeof token.uid === "number" ? token.uid : undefined, sv: typeof token.sv === "number" ? token.sv : undefined };
    },
  },
};
