"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { LoginSchema } from "@/lib/auth/schemas";

export type LoginLabels = {
  username: string;
  password: string;
  submit: string;
  submitting: string;
  invalid: string;
  /** with {time}: when the lock ends */
  locked: string;
  usernameRequired: string;
  passwordRequired: string;
  otp: string;
  otpPrompt: string;
  otpInvalid: string;
  otpRequired: string;
};

type FieldErrors = Partial<Record<"username" | "password" | "otp", string>>;

/** Same zod schema as the server's credentials provider; the server re-checks everything. */
export function LoginForm({ labels, callbackUrl, locale }: { labels: LoginLabels; callbackUrl: string; locale: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // the server asked for the authenticator code: the password stays in its field, the code field appears
  const [otpStep, setOtpStep] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = LoginSchema.safeParse({ username: data.get("username") ?? "", password: data.get("password") ?? "", otp: data.get("otp") ?? undefined });
    if (!parsed.success) {
      const fe: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "username") fe.username = labels.usernameRequired;
        if (field === "password") fe.password = labels.passwordRequired;
        if (field === "otp") fe.otp = labels.otpRequired;
      }
      setErrors(fe);
      setMessage(null);
      return;
    }
    setErrors({});
    setPending(true);
    if (otpStep && !parsed.data.otp) {
      setErrors({ otp: labels.otpRequired });
      return;
    }
    const result = await signIn("credentials", { ...parsed.data, otp: parsed.data.otp ?? "", redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    // the server says "LOCKED:<ISO time the lock ends>" when sign-in is locked
    const locked = /^LOCKED:(.+)$/.exec(result?.error ?? "");
    if (locked) {
      const until = new Date(locked[1]!);
      const time = until.toLocaleTimeString(locale === "en" ? "en-GB" : "vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
      setMessage(labels.locked.replace("{time}", time));
      return;
    }
    if (result?.error === "OTP_REQUIRED") {
      setOtpStep(true);
      setMessage(null);
      requestAnimationFrame(() => document.getElementById("otp")?.focus());
      return;
    }
    setMessage(otpStep ? labels.otpInvalid : labels.invalid);
  }

  const input =
    "mt-1 block w-full rounded border border-stone-300 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="login-form">
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-stone-700">{labels.username}</label>
        <input id="username" name="username" autoComplete="username" autoFocus className={input}
          aria-invalid={errors.username ? true : undefined} aria-describedby={errors.username ? "username-error" : undefined} />
        <p id="username-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.username}</p>
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-stone-700">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className={input}
          aria-invalid={errors.password ? true : undefined} aria-describedby={errors.password ? "password-error" : undefined} />
        <p id="password-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.password}</p>
      </div>
      {otpStep && (
        <div data-testid="otp-step">
          <p className="mb-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">{labels.otpPrompt}</p>
          <label htmlFor="otp" className="block text-sm font-medium text-stone-700">{labels.otp}</label>
          <input id="otp" name="otp" inputMode="numeric" autoComplete="one-time-code" maxLength={7} className={`${input} font-mono tracking-widest`}
            aria-invalid={errors.otp ? true : undefined} aria-describedby={errors.otp ? "otp-error" : undefined} />
          <p id="otp-error" aria-live="polite" className="mt-1 text-sm text-red-700">{errors.otp}</p>
        </div>
      )}
      <div aria-live="assertive">
        {message && <p data-testid="login-error" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>}
      </div>
      <button type="submit" disabled={pending}
        className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
