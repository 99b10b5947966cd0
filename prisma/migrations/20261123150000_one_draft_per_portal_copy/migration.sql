-- One draft per venue and locale: the copy editor updates the draft in place, and this makes
-- two people starting a draft at the same moment end with one draft, not two.
-- (Partial index: schema.prisma cannot declare it; tests/db/schema-drift.test.ts allows it.)
CREATE UNIQUE INDEX "portal_copy_venue_id_locale_draft_key" ON "portal_copy"("venue_id", "locale") WHERE "status" = 'DRAFT';
