// The indicators of a commune's monthly return (DOMAIN.md glossary), in the order the forms, tables and
// exports show them. Pure: shared by the server modules, the client forms and the tests.

export const INDICATORS = [
  { key: "securityReports", column: "security_reports", enum: "SECURITY_REPORTS" },
  { key: "crimeReports", column: "crime_reports", enum: "CRIME_REPORTS" },
  { key: "casesCleared", column: "cases_cleared", enum: "CASES_CLEARED" },
  { key: "suspects", column: "suspects", enum: "SUSPECTS" },
  { key: "adminSanctions", column: "admin_sanctions", enum: "ADMIN_SANCTIONS" },
  { key: "educationFiles", column: "education_files", enum: "EDUCATION_FILES" },
  { key: "rehabFiles", column: "rehab_files", enum: "REHAB_FILES" },
  { key: "collectiveAwards", column: "collective_awards", enum: "COLLECTIVE_AWARDS" },
  { key: "individualAwards", column: "individual_awards", enum: "INDIVIDUAL_AWARDS" },
  { key: "chipIdApplications", column: "chip_id_applications", enum: "CHIP_ID_APPLICATIONS" },
] as const;

export type IndicatorKey = (typeof INDICATORS)[number]["key"];
export type IndicatorValues = Record<IndicatorKey, number>;

export const RETURN_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "RETURNED"] as const;
export type ReturnStatusName = (typeof RETURN_STATUSES)[number];


/** "2021-05" — a month as the URLs and forms carry it. */
export type Month = `${number}-${number}`;

/** "2021-05" or "05/2021" (or "5/2021") → "2021-05"; null for anything else. */
export function parseMonth(raw: string): Month | null {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(s);
  const vi = /^(\d{1,2})\/(\d{4})$/.exec(s);
  const [y, mo] = iso ? [Number(iso[1]), Number(iso[2])] : vi ? [Number(vi[2]), Number(vi[1])] : [0, 0];
  if (!(y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12)) return null;
  return `${y}-${String(mo).padStart(2, "0")}` as Month;
}

/** The last day of a month, as YYYY-MM-DD. */
export function lastDay(m: Month): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

export function addMonth(m: Month, n: number): Month {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, mo - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}` as Month;
}

export const monthOf = (isoDate: string) => isoDate.slice(0, 7) as Month;

/** "05/2021" */
export const formatMonth = (m: Month) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
