import type { ChildFigures } from "@/lib/coverage/queries";
import type { IsoDate } from "@/lib/dates";
import type { I18n } from "@/lib/i18n";
import { unitHref } from "./breadcrumbs";

// A tile-grid map of Vietnam's 63 provinces (2021 map): one square per province, placed roughly where the
// province lies, coloured by coverage. Each tile is a link that drills down and names its figures on hover
// and to screen readers (its SVG <title>, the link's accessible name); the percentage is printed in the
// tile, so the map reads without colour too. Provinces with no tile (a code not on the grid) are listed under it.

const TILES: Record<string, [col: number, row: number, abbr: string]> = {
  "12": [1, 0, "LCH"], "10": [2, 0, "LCA"], "02": [3, 0, "HGI"], "04": [4, 0, "CBA"],
  "11": [0, 1, "ĐBI"], "14": [1, 1, "SLA"], "15": [2, 1, "YBA"], "08": [3, 1, "TQU"], "06": [4, 1, "BKA"], "20": [5, 1, "LSO"],
  "17": [1, 2, "HBI"], "25": [2, 2, "PTH"], "26": [3, 2, "VPH"], "19": [4, 2, "TNG"], "24": [5, 2, "BGI"], "22": [6, 2, "QNI"],
  "01": [2, 3, "HNỘ"], "27": [3, 3, "BNI"], "30": [4, 3, "HDU"], "31": [5, 3, "HPH"],
  "35": [2, 4, "HNA"], "33": [3, 4, "HYE"], "34": [4, 4, "TBI"],
  "38": [1, 5, "THO"], "37": [2, 5, "NBI"], "36": [3, 5, "NĐI"],
  "40": [1, 6, "NAN"],
  "42": [2, 7, "HTI"],
  "44": [2, 8, "QBI"],
  "45": [3, 9, "QTR"],
  "46": [3, 10, "HUẾ"], "48": [4, 10, "ĐNẴ"],
  "62": [3, 11, "KTU"], "49": [4, 11, "QNA"],
  "64": [3, 12, "GLA"], "51": [4, 12, "QNG"],
  "66": [3, 13, "ĐLẮ"], "52": [4, 13, "BĐI"],
  "67": [2, 14, "ĐNÔ"], "68": [3, 14, "LĐỒ"], "54": [4, 14, "PYE"],
  "70": [2, 15, "BPH"], "56": [4, 15, "KHO"],
  "72": [1, 16, "TNI"], "74": [2, 16, "BDU"], "75": [3, 16, "ĐNA"], "58": [4, 16, "NTH"],
  "80": [1, 17, "LAN"], "79": [2, 17, "HCM"], "77": [3, 17, "VTÀ"], "60": [4, 17, "BTH"],
  "89": [0, 18, "AGI"], "87": [1, 18, "ĐTH"], "82": [2, 18, "TGI"], "83": [3, 18, "BTR"],
  "91": [0, 19, "KGI"], "92": [1, 19, "CTH"], "86": [2, 19, "VLO"], "84": [3, 19, "TVI"],
  "93": [1, 20, "HGA"], "94": [2, 20, "STR"],
  "96": [0, 21, "CMA"], "95": [1, 21, "BLI"],
};

// ColorBrewer "Blues" (sequential, readable in grey scale); light grey when nothing is in the programme.
const BINS: { min: number; fill: string; text: string }[] = [
  { min: 100, fill: "#08519c", text: "#ffffff" },
  { min: 75, fill: "#3182bd", text: "#ffffff" },
  { min: 50, fill: "#6baed6", text: "#0c0a09" },
  { min: 25, fill: "#9ecae1", text: "#0c0a09" },
  { min: 0, fill: "#deebf7", text: "#0c0a09" },
];
const NO_DATA = { fill: "#f5f5f4", text: "#57534e" };

function colours(pct: number | null) {
  if (pct === null) return NO_DATA;
  return BINS.find((b) => pct >= b.min) ?? BINS[BINS.length - 1]!;
}

const SIZE = 44;
const GAP = 3;

export function ProvinceMap({ i18n, rows, asOf }: { i18n: I18n; rows: ChildFigures[]; asOf: IsoDate }) {
  const { t, fmt } = i18n;
  const placed = rows.filter((r) => TILES[r.code]);
  const unplaced = rows.filter((r) => !TILES[r.code]);
  const cols = 7;
  const rowsCount = 22;
  const describe = (r: ChildFigures) =>
    t("map.tile", {
      name: r.name,
      coverage: fmt.ratio(r.figures.staffed, r.figures.inProgramme, r.figures.coveragePercent),
      fully: fmt.number(r.figures.fullyStaffed),
      officers: fmt.number(r.figures.officers),
      perCommune: fmt.decimal(r.figures.officersPerCommune),
    });
  return (
    <figure className="province-map space-y-2" data-testid="province-map">
      <svg
        viewBox={`0 0 ${cols * (SIZE + GAP)} ${rowsCount * (SIZE + GAP)}`}
        className="mx-auto h-auto w-full max-w-[240px]"
        role="group"
        aria-label={t("map.label", { date: fmt.date(asOf) })}
      >
        {placed.map((r) => {
          const [col, row, abbr] = TILES[r.code]!;
          const c = colours(r.figures.coveragePercent);
          const x = col * (SIZE + GAP);
          const y = row * (SIZE + GAP);
          const label = describe(r);
          return (
            // the <title> names the link, for the pointer's hover and for screen readers (SVG-AAM); the tile's
            // outline and type are styled once in app/globals.css (.province-map)
            <a key={r.unitId} href={unitHref(r.code, asOf)} data-province={r.code}>
              <title>{label}</title>
              <rect x={x} y={y} width={SIZE} height={SIZE} rx={4} fill={c.fill} />
              <text x={x + SIZE / 2} y={y + 18} fontSize={11} fontWeight={600} fill={c.text}>
                {abbr}
              </text>
              <text x={x + SIZE / 2} y={y + 33} fontSize={10} fill={c.text}>
                {r.figures.coveragePercent === null ? "—" : `${Math.floor(r.figures.coveragePercent)}%`}
              </text>
            </a>
          );
        })}
      </svg>
      <figcaption className="space-y-1 text-xs text-stone-600">
        <ul className="flex flex-wrap justify-center gap-x-3 gap-y-1" aria-label={t("map.legend")}>
          {[...BINS].reverse().map((b, i, all) => (
            <li key={b.min} className="flex items-center gap-1">
              <span aria-hidden className="inline-block h-3 w-3 rounded-sm border border-stone-400" style={{ background: b.fill }} />
              {b.min === 100 ? "100%" : `${b.min}–${(all[i + 1]?.min ?? 100)}%`}
            </li>
          ))}
          <li className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm border border-stone-400" style={{ background: NO_DATA.fill }} />
            {t("map.noData")}
          </li>
        </ul>
        <p className="text-center">{t("map.hint")}</p>
        {unplaced.length > 0 && (
          <p>
            {t("map.unplaced")}{" "}
            {unplaced.map((r, i) => (
              <a key={r.unitId} href={unitHref(r.code, asOf)} className="text-brand-700 hover:underline">
                {i > 0 ? ", " : ""}
                {r.name}
              </a>
            ))}
          </p>
        )}
      </figcaption>
    </figure>
  );
}
