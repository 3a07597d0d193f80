import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReformForm } from "@/components/units/reform-form";
import { SummaryTable } from "@/components/units/reform-summary";
import { requireViewer } from "@/lib/auth/session";
import { formatDateVi } from "@/lib/dates";
import { getI18n } from "@/lib/i18n/server";
import { REFORM_2025 } from "@/lib/units/reform-files";
import { bundledReformSize, canRecordReform, listReforms } from "@/lib/units/reform-record";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("reformRecord.heading") };
}

/** National administrators record a reform of the map (the 1 July 2025 one ships with the app) and see the ones recorded. */
export default async function RecordReformPage() {
  const [viewer, i18n] = await Promise.all([requireViewer(), getI18n()]);
  if (!canRecordReform(viewer)) notFound();
  const { t, fmt } = i18n;
  const reforms = await listReforms(viewer);
  const size = bundledReformSize();
  const recorded2025 = reforms.some((r) => r.name === REFORM_2025.name);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link href="/reform" className="text-brand-700 hover:underline">← {t("placements.heading")}</Link></p>
        <h1 className="text-2xl font-semibold">{t("reformRecord.heading")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("reformRecord.intro")}</p>
      </div>

      <section className="space-y-2" aria-labelledby="recorded-heading">
        <h2 id="recorded-heading" className="text-lg font-semibold">{t("reformRecord.recorded")}</h2>
        {reforms.length === 0 ? (
          <p className="rounded border border-stone-200 bg-white p-4 text-sm text-stone-600" data-testid="reforms-none">{t("reformRecord.noneRecorded")}</p>
        ) : (
          <ul className="grid gap-3 lg:grid-cols-2" data-testid="reforms-list">
            {reforms.map((r) => (
              <li key={r.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid={`reform-${r.id}`}>
                <p className="font-semibold">{r.name}</p>
                <p className="mb-2 text-xs text-stone-600">
                  {t("reformRecord.recordedLine", { date: fmt.date(r.effectiveOn), at: fmt.dateTime(r.appliedAt), who: r.appliedBy ?? t("reformRecord.bySystem") })}
                </p>
                <SummaryTable summary={r.summary} t={t} fmt={fmt} compact />
                {r.placements > 0 && (
                  <p className="mt-2 text-sm">
                    <Link href="/reform" className="text-brand-700 hover:underline">{t("reformRecord.placementsOpen", { open: fmt.number(r.openPlacements), total: fmt.number(r.placements) })}</Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" aria-labelledby="record-heading">
        <h2 id="record-heading" className="text-lg font-semibold">{t("reformRecord.new")}</h2>
        <p className="max-w-3xl text-sm text-stone-600">{t("reformRecord.newIntro")}</p>
        <ReformForm
          locale={i18n.locale}
          defaults={{
            name: recorded2025 ? "" : REFORM_2025.name,
            effectiveOn: recorded2025 ? "" : formatDateVi(REFORM_2025.effectiveOn),
            bundled: t("reformRecord.bundledWhat", { name: REFORM_2025.name, provinces: fmt.number(size.provinces), communes: fmt.number(size.communes) }),
          }}
        />
      </section>
    </div>
  );
}
