-- Headquarters and equipment of each commune police, effective-dated.
CREATE TYPE "HqStatus" AS ENUM ('OWN', 'UNDER_CONSTRUCTION', 'BORROWED', 'NONE');
CREATE TYPE "Equipment" AS ENUM ('COMPUTER', 'PRINTER', 'INTERNET', 'MOTORBIKE', 'RADIO', 'CCTV');

CREATE TABLE "commune_facility" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "hq_status" "HqStatus" NOT NULL,
    "equipment" "Equipment"[] DEFAULT ARRAY[]::"Equipment"[],
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "commune_facility_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "commune_facility_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"),
    CONSTRAINT "commune_facility_period_excl" EXCLUDE USING gist ("commune_id" WITH =, daterange("valid_from", "valid_to") WITH &&)
);
CREATE INDEX "commune_facility_commune_id_idx" ON "commune_facility"("commune_id");
ALTER TABLE "commune_facility" ADD CONSTRAINT "commune_facility_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
