import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sessionEnv } from "@/lib/env";
import { clientIp } from "./client-ip";
import { LoginSchema } from "./schemas";
import { attemptSignIn } from "./sign-in";

// next-auth v4, credentials + JWT sessions. The token carries the user id, the session version and the
// time of sign-in; who the user is and what they may see is read from the database on every request
// (lib/auth/session.ts), so disabling a user or changing their unit takes effect at once.
// NEXTAUTH_SECRET is read by next-auth itself.
//
// Inactivity: the token (and its cookie) lives SESSION_IDLE_MINUTES. next-auth issues a fresh one each
// time the browser asks /api/auth/session, which components/layout/session-keep-alive.tsx does while the
// user is active; a browser left alone keeps the old one until it expires. getViewer ends every session
// SESSION_MAX_HOURS after sign-in however active.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: sessionEnv().SESSION_IDLE_MINUTES * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { type: "text" }, password: { type: "password" }, otp: { type: "text" } },
      async authorize(credentials, req) {
        const parsed = LoginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const result = await attemptSignIn(parsed.data.username, parsed.data.password, clientIp(headers["x-forwarded-for"]), new Date(), parsed.data.otp);
        // next-auth passes an thrown error's message to the sign-in form (result.error)
        if (!result.ok && result.reason === "locked") throw new Error(`LOCKED:${result.until.toISOString()}`);
        if (!result.ok && result.reason === "otp_required") throw new Error("OTP_REQUIRED");
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
        token.at = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        uid: typeof token.uid === "number" ? token.uid : undefined,
        sv: typeof token.sv === "number" ? token.sv : undefined,
        at: typeof token.at === "number" ? token.at : undefined,
      };
    },
  },
};
