-- The map has three levels, and a unit's parent is always above it: a province has no parent, a district's
-- parent is a province, a commune's parent is a district or, after the 2025 reform, a province. The figures
-- (lib/coverage/sql.ts) walk a tree of at most three levels with plain joins, which the planner can size,
-- instead of a recursive walk it cannot; this rule makes that walk exact for every version ever recorded.
CREATE FUNCTION unit_version_parent_level() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE child_level "UnitLevel"; parent_level "UnitLevel";
BEGIN
  SELECT level INTO child_level FROM unit WHERE id = NEW.unit_id;
  IF NEW.parent_id IS NOT NULL THEN
    SELECT level INTO parent_level FROM unit WHERE id = NEW.parent_id;
  END IF;
  IF (child_level = 'PROVINCE' AND NEW.parent_id IS NOT NULL)
     OR (child_level = 'DISTRICT' AND parent_level IS DISTINCT FROM 'PROVINCE')
     OR (child_level = 'COMMUNE' AND (parent_level IS NULL OR parent_level NOT IN ('DISTRICT', 'PROVINCE'))) THEN
    RAISE EXCEPTION 'unit_version_parent_level: a % cannot be placed under a %', child_level, coalesce(parent_level::text, 'nothing')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER unit_version_parent_level BEFORE INSERT OR UPDATE OF unit_id, parent_id ON unit_version
  FOR EACH ROW EXECUTE FUNCTION unit_version_parent_level();

-- a unit's level is fixed once it has versions (the rule above is checked where versions are written)
CREATE FUNCTION unit_level_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.level IS DISTINCT FROM OLD.level AND EXISTS (SELECT 1 FROM unit_version WHERE unit_id = OLD.id OR parent_id = OLD.id) THEN
    RAISE EXCEPTION 'unit_level_fixed: the level of unit % cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER unit_level_fixed BEFORE UPDATE OF level ON unit FOR EACH ROW EXECUTE FUNCTION unit_level_fixed();

-- The dates on which the map, a commune's setting or the plans change bound the "epochs" of the figures
-- (lib/coverage/sql.ts): the latest such date on or before an as-of date is one index-only lookup each.
CREATE INDEX "unit_version_valid_from_idx" ON "unit_version"("valid_from") WHERE "valid_from" IS NOT NULL;
CREATE INDEX "unit_version_valid_to_idx" ON "unit_version"("valid_to") WHERE "valid_to" IS NOT NULL;
CREATE INDEX "commune_setting_valid_from_idx" ON "commune_setting"("valid_from") WHERE "valid_from" IS NOT NULL;
CREATE INDEX "commune_setting_valid_to_idx" ON "commune_setting"("valid_to") WHERE "valid_to" IS NOT NULL;
CREATE INDEX "rollout_plan_issued_on_idx" ON "rollout_plan"("issued_on");
