-- Reforms of the administrative map (issue 9: the 1 July 2025 reform). A reform is recorded once (its name,
-- its effective date and the checksum of its files: running it again is a no-op), and leaves behind who
-- succeeded whom. A unit that comes through a reform unchanged in code and territory simply continues (a new
-- version from the effective date); every other unit of the old map ends the day before, and every other unit
-- of the new map starts on it, with its predecessors listed here.
ALTER TYPE "EndReason" ADD VALUE 'REORGANISATION';

CREATE TABLE "unit_reform" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "effective_on" DATE NOT NULL,
    "checksum" CHAR(64) NOT NULL,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "applied_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_by_id" INTEGER,
    CONSTRAINT "unit_reform_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "unit_reform_name_key" ON "unit_reform"("name");
ALTER TABLE "unit_reform" ADD CONSTRAINT "unit_reform_applied_by_id_fkey" FOREIGN KEY ("applied_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- whole: the predecessor went whole into the successor (false: one part of a split)
-- proposed: where the predecessor's officers go unless the province decides otherwise (the whole successor;
-- for a split, the part that took all the population, or else the one that kept the code)
CREATE TABLE "unit_succession" (
    "id" SERIAL NOT NULL,
    "reform_id" INTEGER NOT NULL,
    "predecessor_id" INTEGER NOT NULL,
    "successor_id" INTEGER NOT NULL,
    "whole" BOOLEAN NOT NULL,
    "proposed" BOOLEAN NOT NULL,
    "note" TEXT,
    CONSTRAINT "unit_succession_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unit_succession_not_self" CHECK ("predecessor_id" <> "successor_id")
);
CREATE UNIQUE INDEX "unit_succession_predecessor_id_successor_id_key" ON "unit_succession"("predecessor_id", "successor_id");
CREATE INDEX "unit_succession_successor_id_idx" ON "unit_succession"("successor_id");
CREATE UNIQUE INDEX "unit_succession_one_proposed" ON "unit_succession"("predecessor_id") WHERE "proposed";
ALTER TABLE "unit_succession" ADD CONSTRAINT "unit_succession_reform_id_fkey" FOREIGN KEY ("reform_id") REFERENCES "unit_reform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unit_succession" ADD CONSTRAINT "unit_succession_predecessor_id_fkey" FOREIGN KEY ("predecessor_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unit_succession" ADD CONSTRAINT "unit_succession_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A placement the reform could not be sure of, unresolved until the province confirms or changes it:
--   SPLIT: an officer of a split commune, carried into the proposed successor (the province may move them
--          to another successor of that commune);
--   CHIEF: a chief of a merged commune whose successor already had a chief from the reform: carried as a
--          deputy (one chief per commune at a time), for the province to decide who leads.
CREATE TABLE "reform_placement" (
    "id" SERIAL NOT NULL,
    "reform_id" INTEGER NOT NULL,
    "assignment_id" INTEGER NOT NULL,
    "predecessor_id" INTEGER NOT NULL,
    "reason" VARCHAR(8) NOT NULL,
    "reviewed_at" TIMESTAMPTZ(6),
    "reviewed_by_id" INTEGER,
    CONSTRAINT "reform_placement_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reform_placement_reason" CHECK ("reason" IN ('SPLIT', 'CHIEF'))
);
CREATE UNIQUE INDEX "reform_placement_assignment_id_key" ON "reform_placement"("assignment_id");
CREATE INDEX "reform_placement_predecessor_id_idx" ON "reform_placement"("predecessor_id");
ALTER TABLE "reform_placement" ADD CONSTRAINT "reform_placement_reform_id_fkey" FOREIGN KEY ("reform_id") REFERENCES "unit_reform"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reform_placement" ADD CONSTRAINT "reform_placement_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reform_placement" ADD CONSTRAINT "reform_placement_predecessor_id_fkey" FOREIGN KEY ("predecessor_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reform_placement" ADD CONSTRAINT "reform_placement_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Figures follow successions (the footprint of a merged unit before the reform): their cache must see them.
CREATE CONSTRAINT TRIGGER "unit_succession_data_version" AFTER INSERT OR UPDATE OR DELETE ON "unit_succession"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
CREATE CONSTRAINT TRIGGER "reform_placement_data_version" AFTER INSERT OR UPDATE OR DELETE ON "reform_placement"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
