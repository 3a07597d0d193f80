-- Model-ward / typical-commune criteria sets, their criteria, and yearly assessments of communes.
CREATE TABLE "criteria_set" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "scope_unit_id" INTEGER,
    "applies_to" "UnitType"[],
    "target_year" INTEGER NOT NULL,
    "pass_mark" INTEGER NOT NULL DEFAULT 100,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "criteria_set_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "criteria_set_pass_mark" CHECK ("pass_mark" BETWEEN 1 AND 100),
    CONSTRAINT "criteria_set_target_year" CHECK ("target_year" BETWEEN 2000 AND 2100)
);
ALTER TABLE "criteria_set" ADD CONSTRAINT "criteria_set_scope_unit_id_fkey" FOREIGN KEY ("scope_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "criterion" (
    "id" SERIAL NOT NULL,
    "set_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "required" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "criterion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "criterion_weight" CHECK ("weight" BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX "criterion_set_id_ordinal_key" ON "criterion"("set_id", "ordinal");
ALTER TABLE "criterion" ADD CONSTRAINT "criterion_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "criteria_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "assessment" (
    "id" SERIAL NOT NULL,
    "set_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "assessed_on" DATE NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "user_id" INTEGER,
    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "assessment_set_id_commune_id_year_key" ON "assessment"("set_id", "commune_id", "year");
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "criteria_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "assessment_result" (
    "assessment_id" INTEGER NOT NULL,
    "criterion_id" INTEGER NOT NULL,
    "met" BOOLEAN NOT NULL,
    CONSTRAINT "assessment_result_pkey" PRIMARY KEY ("assessment_id", "criterion_id")
);
ALTER TABLE "assessment_result" ADD CONSTRAINT "assessment_result_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "assessment_result" ADD CONSTRAINT "assessment_result_criterion_id_fkey" FOREIGN KEY ("criterion_id") REFERENCES "criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
