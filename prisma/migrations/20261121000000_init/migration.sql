-- Initial schema: effective-dated administrative units, rollout plans and phases, officers,
-- assignments, Party cells, committee memberships and users.
-- Every "over a date range" row uses the half-open range [start, end): the end date is the first
-- day no longer served (DOMAIN.md "active on day D"). A NULL lower bound means "since before our
-- records start", a NULL upper bound "still in effect".

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE "UnitLevel" AS ENUM ('PROVINCE', 'DISTRICT', 'COMMUNE');
CREATE TYPE "UnitType" AS ENUM ('TINH', 'THANH_PHO_TRUNG_UONG', 'QUAN', 'HUYEN', 'THI_XA', 'THANH_PHO', 'XA', 'PHUONG', 'THI_TRAN', 'DAC_KHU');
CREATE TYPE "Rank" AS ENUM ('HA_SI', 'TRUNG_SI', 'THUONG_SI', 'THIEU_UY', 'TRUNG_UY', 'THUONG_UY', 'DAI_UY', 'THIEU_TA', 'TRUNG_TA', 'THUONG_TA', 'DAI_TA', 'THIEU_TUONG', 'TRUNG_TUONG', 'THUONG_TUONG', 'DAI_TUONG');
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');
CREATE TYPE "Post" AS ENUM ('CHIEF', 'DEPUTY_CHIEF', 'OFFICER');
CREATE TYPE "EndReason" AS ENUM ('TRANSFER', 'RETIREMENT', 'DISCIPLINE', 'OTHER');
CREATE TYPE "Committee" AS ENUM ('EXECUTIVE', 'STANDING');
CREATE TYPE "Role" AS ENUM ('DISTRICT', 'PROVINCE', 'MINISTRY', 'ADMIN');

-- Units ---------------------------------------------------------------------------------------
CREATE TABLE "unit" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(5) NOT NULL,
    "level" "UnitLevel" NOT NULL,
    "valid_from" DATE,
    "valid_to" DATE,
    CONSTRAINT "unit_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unit_code_format" CHECK ("code" ~ '^[0-9]{2,5}$'),
    CONSTRAINT "unit_valid_range" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" > "valid_from"),
    -- a GSO code names at most one unit on any day
    CONSTRAINT "unit_code_period_excl" EXCLUDE USING gist ("code" WITH =, daterange("valid_from", "valid_to") WITH &&)
);
CREATE INDEX "unit_code_idx" ON "unit"("code");

CREATE TABLE "unit_version" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" "UnitType" NOT NULL,
    "parent_id" INTEGER,
    "valid_from" DATE,
    "valid_to" DATE,
    CONSTRAINT "unit_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unit_version_name_not_blank" CHECK (btrim("name") <> ''),
    CONSTRAINT "unit_version_valid_range" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" > "valid_from"),
    CONSTRAINT "unit_version_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "unit_id"),
    -- one version of a unit on any day
    CONSTRAINT "unit_version_period_excl" EXCLUDE USING gist ("unit_id" WITH =, daterange("valid_from", "valid_to") WITH &&)
);
CREATE INDEX "unit_version_unit_id_idx" ON "unit_version"("unit_id");
CREATE INDEX "unit_version_parent_id_idx" ON "unit_version"("parent_id");
ALTER TABLE "unit_version" ADD CONSTRAINT "unit_version_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "unit_version" ADD CONSTRAINT "unit_version_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "commune_setting" (
    "id" SERIAL NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "valid_from" DATE,
    "valid_to" DATE,
    "staffing_norm" INTEGER NOT NULL DEFAULT 5,
    "is_border" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "commune_setting_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "commune_setting_norm_range" CHECK ("staffing_norm" BETWEEN 1 AND 50),
    CONSTRAINT "commune_setting_valid_range" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" > "valid_from"),
    CONSTRAINT "commune_setting_period_excl" EXCLUDE USING gist ("commune_id" WITH =, daterange("valid_from", "valid_to") WITH &&)
);
CREATE INDEX "commune_setting_commune_id_idx" ON "commune_setting"("commune_id");
ALTER TABLE "commune_setting" ADD CONSTRAINT "commune_setting_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rollout plans -------------------------------------------------------------------------------
CREATE TABLE "rollout_plan" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "scope_unit_id" INTEGER,
    "covers_types" "UnitType"[] DEFAULT ARRAY[]::"UnitType"[],
    CONSTRAINT "rollout_plan_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rollout_plan_code_key" ON "rollout_plan"("code");
ALTER TABLE "rollout_plan" ADD CONSTRAINT "rollout_plan_scope_unit_id_fkey" FOREIGN KEY ("scope_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "rollout_phase" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "province_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "target_date" DATE,
    CONSTRAINT "rollout_phase_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rollout_phase_target_after_start" CHECK ("target_date" IS NULL OR "target_date" >= "start_date")
);
CREATE UNIQUE INDEX "rollout_phase_plan_id_province_id_ordinal_key" ON "rollout_phase"("plan_id", "province_id", "ordinal");
CREATE INDEX "rollout_phase_province_id_idx" ON "rollout_phase"("province_id");
ALTER TABLE "rollout_phase" ADD CONSTRAINT "rollout_phase_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "rollout_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rollout_phase" ADD CONSTRAINT "rollout_phase_province_id_fkey" FOREIGN KEY ("province_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "plan_commune" (
    "plan_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "phase_id" INTEGER,
    CONSTRAINT "plan_commune_pkey" PRIMARY KEY ("plan_id", "commune_id")
);
CREATE INDEX "plan_commune_commune_id_idx" ON "plan_commune"("commune_id");
CREATE INDEX "plan_commune_phase_id_idx" ON "plan_commune"("phase_id");
ALTER TABLE "plan_commune" ADD CONSTRAINT "plan_commune_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "rollout_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "plan_commune" ADD CONSTRAINT "plan_commune_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "plan_commune" ADD CONSTRAINT "plan_commune_phase_id_fkey" FOREIGN KEY ("phase_id") REFERENCES "rollout_phase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Officers and assignments --------------------------------------------------------------------
CREATE TABLE "officer" (
    "id" SERIAL NOT NULL,
    "officer_number" VARCHAR(20) NOT NULL,
    "full_name" TEXT NOT NULL,
    "rank" "Rank" NOT NULL,
    "gender" "Gender" NOT NULL,
    "birth_date" DATE,
    "ethnicity" TEXT,
    "party_member" BOOLEAN NOT NULL DEFAULT false,
    "party_joined_on" DATE,
    "ethnic_languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "foreign_languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "officer_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "officer_name_not_blank" CHECK (btrim("full_name") <> ''),
    CONSTRAINT "officer_party_date_needs_member" CHECK ("party_joined_on" IS NULL OR "party_member")
);
CREATE UNIQUE INDEX "officer_officer_number_key" ON "officer"("officer_number");

CREATE TABLE "assignment" (
    "id" SERIAL NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "post" "Post" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "end_reason" "EndReason",
    "previous_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "assignment_end_after_start" CHECK ("end_date" IS NULL OR "end_date" > "start_date"),
    CONSTRAINT "assignment_end_reason_with_end" CHECK (("end_date" IS NULL) = ("end_reason" IS NULL)),
    -- an officer holds at most one post on any day (so at most one active assignment)
    CONSTRAINT "assignment_officer_no_overlap" EXCLUDE USING gist ("officer_id" WITH =, daterange("start_date", "end_date") WITH &&),
    -- a commune has at most one chief on any day
    CONSTRAINT "assignment_one_chief_per_commune" EXCLUDE USING gist ("commune_id" WITH =, daterange("start_date", "end_date") WITH &&) WHERE ("post" = 'CHIEF')
);
CREATE UNIQUE INDEX "assignment_previous_id_key" ON "assignment"("previous_id");
CREATE INDEX "assignment_officer_id_idx" ON "assignment"("officer_id");
CREATE INDEX "assignment_commune_id_start_date_idx" ON "assignment"("commune_id", "start_date");
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_previous_id_fkey" FOREIGN KEY ("previous_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Party cells and committees ------------------------------------------------------------------
CREATE TABLE "party_cell" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "established_on" DATE NOT NULL,
    "dissolved_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "party_cell_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "party_cell_dissolved_after_established" CHECK ("dissolved_on" IS NULL OR "dissolved_on" > "established_on")
);

CREATE TABLE "party_cell_commune" (
    "cell_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    CONSTRAINT "party_cell_commune_pkey" PRIMARY KEY ("cell_id", "commune_id")
);
CREATE INDEX "party_cell_commune_commune_id_idx" ON "party_cell_commune"("commune_id");
ALTER TABLE "party_cell_commune" ADD CONSTRAINT "party_cell_commune_cell_id_fkey" FOREIGN KEY ("cell_id") REFERENCES "party_cell"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "party_cell_commune" ADD CONSTRAINT "party_cell_commune_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "cell_secretary" (
    "id" SERIAL NOT NULL,
    "cell_id" INTEGER NOT NULL,
    "officer_id" INTEGER,
    "person_name" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    CONSTRAINT "cell_secretary_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cell_secretary_end_after_start" CHECK ("end_date" IS NULL OR "end_date" > "start_date"),
    -- the secretary is either an officer or a named person who is not one of ours
    CONSTRAINT "cell_secretary_who" CHECK (("officer_id" IS NULL) <> ("person_name" IS NULL)),
    CONSTRAINT "cell_secretary_one_at_a_time" EXCLUDE USING gist ("cell_id" WITH =, daterange("start_date", "end_date") WITH &&)
);
CREATE INDEX "cell_secretary_cell_id_idx" ON "cell_secretary"("cell_id");
CREATE INDEX "cell_secretary_officer_id_idx" ON "cell_secretary"("officer_id");
ALTER TABLE "cell_secretary" ADD CONSTRAINT "cell_secretary_cell_id_fkey" FOREIGN KEY ("cell_id") REFERENCES "party_cell"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cell_secretary" ADD CONSTRAINT "cell_secretary_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "committee_membership" (
    "id" SERIAL NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "commune_id" INTEGER NOT NULL,
    "committee" "Committee" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    CONSTRAINT "committee_membership_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "committee_membership_end_after_start" CHECK ("end_date" IS NULL OR "end_date" > "start_date"),
    CONSTRAINT "committee_membership_no_overlap" EXCLUDE USING gist ("officer_id" WITH =, "committee" WITH =, daterange("start_date", "end_date") WITH &&)
);
CREATE INDEX "committee_membership_officer_id_idx" ON "committee_membership"("officer_id");
CREATE INDEX "committee_membership_commune_id_idx" ON "committee_membership"("commune_id");
ALTER TABLE "committee_membership" ADD CONSTRAINT "committee_membership_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "committee_membership" ADD CONSTRAINT "committee_membership_commune_id_fkey" FOREIGN KEY ("commune_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Users ---------------------------------------------------------------------------------------
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unit_id" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"),
    -- district and province staff belong to a unit; ministry and admin see the whole country
    CONSTRAINT "app_user_unit_matches_role" CHECK (("role" IN ('DISTRICT', 'PROVINCE')) = ("unit_id" IS NOT NULL))
);
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Installation facts ----------------------------------------------------------------------------
CREATE TABLE "app_meta" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_meta_pkey" PRIMARY KEY ("key")
);
