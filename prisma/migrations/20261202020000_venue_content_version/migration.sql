-- Guest pages keep a venue's published portal copy and consent wording in memory, keyed by
-- venue, content_version and locale (lib/portal-content). These triggers bump the version in
-- the same transaction as any change a guest could see, whoever makes it, so every page load
-- that reads the venue row knows at once whether what it remembers is still what is live.
-- AlterTable
ALTER TABLE "venue" ADD COLUMN "content_version" INTEGER NOT NULL DEFAULT 1;

-- A change to the venue row itself (name, locales…) is a new version, unless the update is
-- the bump below (which already moved the version).
CREATE FUNCTION "venue_content_version_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."content_version" = OLD."content_version" THEN
    NEW."content_version" := OLD."content_version" + 1;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "venue_content_version_on_update" BEFORE UPDATE ON "venue" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_on_update"();

-- Copy, wording, purposes and sponsors: bump the venue they belong to (both venues, if a row moved).
CREATE FUNCTION "venue_content_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  venues uuid[];
BEGIN
  IF TG_TABLE_NAME = 'consent_text' THEN
    SELECT array_agg("venue_id") INTO venues FROM "consent_purpose"
    WHERE "id" IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD."purpose_id" END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW."purpose_id" END);
  ELSIF TG_OP = 'INSERT' THEN
    venues := ARRAY[NEW."venue_id"];
  ELSIF TG_OP = 'DELETE' THEN
    venues := ARRAY[OLD."venue_id"];
  ELSE
    venues := ARRAY[OLD."venue_id", NEW."venue_id"];
  END IF;
  UPDATE "venue" SET "content_version" = "content_version" + 1 WHERE "id" = ANY (venues);
  RETURN NULL;
END;
$$;
CREATE TRIGGER "portal_copy_content_version" AFTER INSERT OR UPDATE OR DELETE ON "portal_copy" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
CREATE TRIGGER "consent_text_content_version" AFTER INSERT OR UPDATE OR DELETE ON "consent_text" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
CREATE TRIGGER "consent_purpose_content_version" AFTER INSERT OR UPDATE OR DELETE ON "consent_purpose" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
CREATE TRIGGER "sponsor_content_version" AFTER INSERT OR UPDATE OR DELETE ON "sponsor" FOR EACH ROW EXECUTE FUNCTION "venue_content_version_bump"();
