"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE } from "./index";

const LocaleSchema = z.object({ locale: z.enum(["vi", "en"]) });

/** Switches the interface language. Needs no sign-in: it only sets a preference cookie. */
export async function setLocale(formData: FormData): Promise<void> {
  const parsed = LocaleSchema.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
  revalidatePath("/", "layout");
}
