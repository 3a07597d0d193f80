-- User management and two-factor sign-in (issue 8).

-- TOTP (RFC 6238). The secret is kept encrypted (AES-256-GCM, key derived from NEXTAUTH_SECRET);
-- a secret with no enabled_at is an enrolment that has not been confirmed with a code yet.
ALTER TABLE "app_user" ADD COLUMN "totp_secret" TEXT;
ALTER TABLE "app_user" ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(6);
-- the time step of the last accepted code: a code is accepted once, never replayed
ALTER TABLE "app_user" ADD COLUMN "totp_last_step" BIGINT;
-- who created the account (null for the seeded and imported ones)
ALTER TABLE "app_user" ADD COLUMN "created_by_id" INTEGER;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_totp_enabled_has_secret" CHECK ("totp_enabled_at" IS NULL OR "totp_secret" IS NOT NULL);

-- Per-role policy set by an administrator: whether two-factor sign-in is mandatory for the role.
CREATE TABLE "role_policy" (
    "role" "Role" NOT NULL,
    "totp_required" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" INTEGER,
    CONSTRAINT "role_policy_pkey" PRIMARY KEY ("role"),
    CONSTRAINT "role_policy_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
