-- Programme results: monthly returns per commune with their approval workflow, and targets.
CREATE TYPE "ReturnStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');
CREATE TYPE "Indicator" AS ENUM ('SECURITY_REPORTS', 'CRIME_REPORTS', 'CASES_CLEARED', 'SUSPECTS', 'ADMIN_SANCTIONS', 'EDUCATION_FILES', 'REHAB_FILES', 'COLLECTIVE_AWARDS', 'INDIVIDUAL_AWARDS', 'CHIP_ID_APPLICATIONS');

CREATE TABLE "monthly_return" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "status" "ReturnStatus" NOT NULL DEFAULT 'DRAFT',
    "security_reports" INTEGER NOT NULL DEFAULT 0,
    "crime_reports" INTEGER NOT NULL DEFAULT 0,
    "cases_cleared" INTEGER NOT NULL DEFAULT 0,
    "suspects" INTEGER NOT NULL DEFAULT 0,
    "admin_sanctions" INTEGER NOT NULL DEFAULT 0,
    "education_files" INTEGER NOT NULL DEFAULT 0,
    "rehab_files" INTEGER NOT NULL DEFAULT 0,
    "collective_awards" INTEGER NOT NULL DEFAULT 0,
    "individual_awards" INTEGER NOT NULL DEFAULT 0,
    "chip_id_applications" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "monthly_return_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "monthly_return_month_first_day" CHECK ("month" = date_trunc('month', "month")::date),
    CONSTRAINT "monthly_return_values_non_negative" CHECK (
      "security_reports" >= 0 AND "crime_reports" >= 0 AND "cases_cleared" >= 0 AND "suspects" >= 0
      AND "admin_sanctions" >= 0 AND "education_files" >= 0 AND "rehab_files" >= 0
      AND "collective_awards" >= 0 AND "individual_awards" >= 0 AND "chip_id_applications" >= 0)
);
CREATE UNIQUE INDEX "monthly_return_commune_id_month_key" ON "monthly_return"("commune_id", "month");
CREATE INDEX "monthly_return_month_idx" ON "monthly_return"("month");
ALTER TABLE "monthly_return" ADD CONSTRAINT "monthly_return_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "return_event" (
    "id" SERIAL NOT NULL,
    "return_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INTEGER,
    "action" VARCHAR(16) NOT NULL,
    "from_status" "ReturnStatus",
    "to_status" "ReturnStatus" NOT NULL,
    "reason" TEXT,
    CONSTRAINT "return_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "return_event_return_id_at_idx" ON "return_event"("return_id", "at");
ALTER TABLE "return_event" ADD CONSTRAINT "return_event_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "monthly_return"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "return_event" ADD CONSTRAINT "return_event_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "result_target" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "indicator" "Indicator" NOT NULL,
    "title" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "target" INTEGER NOT NULL,
    CONSTRAINT "result_target_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "result_target_positive" CHECK ("target" > 0 AND "due_date" >= "period_start")
);
CREATE INDEX "result_target_unit_id_idx" ON "result_target"("unit_id");
ALTER TABLE "result_target" ADD CONSTRAINT "result_target_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "target_progress" (
    "id" SERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "reported_on" DATE NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    CONSTRAINT "target_progress_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "target_progress_non_negative" CHECK ("value" >= 0)
);
CREATE UNIQUE INDEX "target_progress_target_id_reported_on_key" ON "target_progress"("target_id", "reported_on");
ALTER TABLE "target_progress" ADD CONSTRAINT "target_progress_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "result_target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- the workflow's history cannot be rewritten
CREATE TRIGGER "return_event_no_update_delete" BEFORE UPDATE OR DELETE ON "return_event"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
