import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateUserForm } from "@/components/users/user-forms";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { assignableRoles, canManageUsers } from "@/lib/users/service";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("users.new") };
}

export default async function NewUserPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  if (!canManageUsers(viewer)) notFound();
  const { t } = i18n;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/users" className="text-sm text-brand-700 hover:underline">{t("user.back")}</Link>
      <h1 className="text-2xl font-semibold">{t("users.new")}</h1>
      <p className="text-sm text-stone-600">{t(viewer.role === "ADMIN" ? "users.intro.ADMIN" : "users.intro.PROVINCE")}</p>
      <div className="rounded border border-stone-200 bg-white p-4">
        <CreateUserForm locale={i18n.locale} roles={assignableRoles(viewer)} />
      </div>
    </div>
  );
}
