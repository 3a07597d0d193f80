-- Audit trail (every change, written in the same transaction as the change) and officer search
-- without diacritics ("nguyen van an" finds "Nguyễn Văn An").

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INTEGER,
    "unit_id" INTEGER,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "import_id" TEXT,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");
CREATE INDEX "audit_log_unit_id_at_idx" ON "audit_log"("unit_id", "at");
CREATE INDEX "audit_log_user_id_at_idx" ON "audit_log"("user_id", "at");
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit records cannot be edited or deleted, by the app or by anyone else going through SQL.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The officer's name folded to lower-case ASCII (computed by lib/text/fold.ts), indexed for "contains" search.
ALTER TABLE "officer" ADD COLUMN "search_name" TEXT NOT NULL DEFAULT '';
CREATE INDEX "officer_search_name_trgm" ON "officer" USING gin ("search_name" gin_trgm_ops);

-- Backfill officers that existed before this migration (new rows get the value from the app).
CREATE EXTENSION IF NOT EXISTS unaccent;
UPDATE "officer" SET "search_name" = lower(regexp_replace(translate(unaccent("full_name"), 'Đđ', 'Dd'), '\s+', ' ', 'g'))
WHERE "search_name" = '';
