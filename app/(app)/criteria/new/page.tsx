import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateSetForm } from "@/components/criteria/forms";
import { requireViewer } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("criteria.new") };
}

/** Admins configure a criteria set (the action checks the role again). */
export default async function NewCriteriaSetPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  if (viewer.role !== "ADMIN") notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{i18n.t("criteria.new")}</h1>
      <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <CreateSetForm locale={i18n.locale} />
      </div>
    </div>
  );
}
