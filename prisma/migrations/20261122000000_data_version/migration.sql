-- The data version: one number that changes whenever a transaction that changed anything the figures read
-- commits. App nodes cache computed figures under it (lib/cache/figures.ts): a write through any node, an
-- import or a hand-made SQL fix moves it, so every node's cached figures are retired at once.
-- The bump is a deferred constraint trigger: it runs at commit, once per transaction (a transaction-local
-- setting remembers it), so a writer holds the row's lock only while committing and cannot deadlock on it.
CREATE TABLE "data_version" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "data_version_one_row" CHECK ("id")
);
INSERT INTO "data_version" DEFAULT VALUES;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.data_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE data_version SET version = version + 1, changed_at = now();
    PERFORM set_config('app.data_version_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['unit', 'unit_version', 'commune_setting', 'rollout_plan', 'rollout_phase', 'plan_commune',
    'officer', 'assignment', 'party_cell', 'party_cell_commune', 'cell_secretary', 'committee_membership',
    'monthly_return', 'return_event', 'result_target', 'target_progress', 'commune_facility',
    'criteria_set', 'criterion', 'assessment', 'assessment_result']
  LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()', t || '_data_version', t);
  END LOOP;
END $$;
