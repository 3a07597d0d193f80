-- A commune's setting can override the plans on whether it is in the programme (from the setting's
-- date): NULL follows the plans, true puts it in, false takes it out.
ALTER TABLE "commune_setting" ADD COLUMN "in_programme" BOOLEAN;
