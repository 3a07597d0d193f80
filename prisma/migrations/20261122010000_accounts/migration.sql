-- Account protection (issue 8): forced password change, sign-out everywhere, sign-in attempts for lockout.

-- true for accounts created or reset by an administrator: the user must choose a password first
ALTER TABLE "app_user" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
-- carried in the session token; bumping it ends every session of the user ("sign out everywhere",
-- password change, reset, disabling)
ALTER TABLE "app_user" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "app_user" ADD COLUMN "password_changed_at" TIMESTAMPTZ(6);

-- Every sign-in attempt, kept in PostgreSQL so the lockout holds across app nodes. The username is the
-- string typed (folded to lower case), whether or not such an account exists.
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_attempt_username_at_idx" ON "login_attempt" ("username", "at");
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt" ("ip", "at");
