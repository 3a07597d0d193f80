import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssessForm } from "@/components/criteria/forms";
import { requireUnitInScope } from "@/lib/auth/scope";
import { requireViewer } from "@/lib/auth/session";
import { getSet } from "@/lib/criteria/queries";
import { formatDateVi, todayInVietnam, toIsoDate, type IsoDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";

type PageProps = { params: Promise<{ id: string; code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("criteria.assess") };
}

/** District or province staff record which criteria a commune met in a year. */
export default async function AssessPage({ params, searchParams }: PageProps) {
  const [viewer, i18n, { id, code }, sp] = await Promise.all([requireViewer(), getI18n(), params, searchParams]);
  const { t } = i18n;
  if (!/^\d{1,9}$/.test(id) || !/^\d{5}$/.test(code)) notFound();
  if (viewer.role !== "DISTRICT" && viewer.role !== "PROVINCE") notFound();
  const set = await getSet(viewer, Number(id));
  if (!set) notFound();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const raw = Array.isArray(sp.year) ? sp.year[0] : sp.year;
  const year = raw && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= thisYear ? Number(raw) : thisYear;
  const on = (`${year}-12-31` < todayInVietnam() ? `${year}-12-31` : todayInVietnam()) as IsoDate;
  const commune = await requireUnitInScope(viewer, code, on);
  if (commune.level !== "COMMUNE" || !set.appliesTo.includes(commune.type)) notFound();
  const existing = await getDb().assessment.findUnique({ where: { setId_communeId_year: { setId: set.id, communeId: commune.id, year } }, include: { results: true } });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/criteria/${set.id}?year=${year}`} className="text-sm text-brand-800 hover:underline">← {set.name}</Link>
      <h1 className="text-2xl font-semibold">{t("criteria.assessHeading", { commune: commune.name, set: String(year) })}</h1>
      <p className="text-sm text-stone-600">{set.name} · {t("criteria.passMarkText", { mark: set.passMark })}</p>
      <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <AssessForm
          locale={i18n.locale}
          setId={set.id}
          communeId={commune.id}
          year={year}
          version={existing?.version ?? 0}
          criteria={set.criteria}
          met={existing?.results.filter((r) => r.met).map((r) => r.criterionId) ?? []}
          assessedOn={formatDateVi(existing ? toIsoDate(existing.assessedOn) : on)}
          note={existing?.note ?? null}
        />
      </div>
    </div>
  );
}
