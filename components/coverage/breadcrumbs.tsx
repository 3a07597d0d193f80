import Link from "next/link";
import type { IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import type { UnitRef } from "@/lib/units/queries";

export function unitHref(code: string, asOf: IsoDate): string {
  return `/units/${code}?asOf=${asOf}`;
}

/** Path from the top of the viewer's scope down to the current unit; every step keeps the date. */
export function Breadcrumbs({ i18n, path, asOf, showNational }: { i18n: I18n; path: UnitRef[]; asOf: IsoDate; showNational: boolean }) {
  const items: { label: string; href?: string }[] = [];
  if (showNational) items.push({ label: i18n.t("scope.national"), href: `/?asOf=${asOf}` });
  path.forEach((u, i) => items.push({ label: u.name, href: i < path.length - 1 ? unitHref(u.code, asOf) : undefined }));
  if (items.length <= 1) return null;
  return (
    <nav aria-label={i18n.t("unit.breadcrumb")} className="mb-2 text-sm text-stone-600">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => (
          <li key={i} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>›</span>}
            {item.href ? (
              <Link href={item.href} className="text-brand-700 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="font-medium text-stone-800">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
