// prisma/schema.prisma and prisma/migrations must describe the same database: the client is
// generated from one and production runs the other.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createFreshDatabase, dropDatabase } from "@/tests/support/database";
import { diffSchemas, expectedSchema, loadDmmf, readDatabaseSchema, type SchemaShape } from "@/tests/support/schema-drift";

// Hand-written in the migrations (init and later); schema.prisma cannot say them.
const ALLOWED_PARTIAL_INDEXES = [
  "consent_text_purpose_id_locale_published_key",
  "portal_copy_venue_id_locale_published_key",
  "portal_copy_venue_id_locale_draft_key",
  "journey_expires_at_unpurged_idx",
  "saml_idp_key_venue_id_active_key",
  "saml_idp_key_venue_id_next_key",
];

const expected = expectedSchema(loadDmmf("prisma/schema.prisma"));

async function migratedSchema(alter?: string): Promise<SchemaShape> {
  const url = await createFreshDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (alter) await client.query(alter);
    return await readDatabaseSchema(client);
  } finally {
    await client.end();
    await dropDatabase(url);
  }
}

describe("schema drift", () => {
  it("finds no difference between schema.prisma and a freshly migrated database", async () => {
    expect(diffSchemas(expected, await migratedSchema(), { allowedPartialIndexes: ALLOWED_PARTIAL_INDEXES })).toEqual([]);
  });

  it("reads Prisma's PostgreSQL types from the schema (varchar/char lengths, timestamptz(3), arrays, enums)", () => {
    const venue = expected.tables.venue!;
    expect(venue.columns.slug).toEqual({ type: "character varying(64)", nullable: false, default: null });
    expect(venue.columns.country_code?.type).toBe("character(2)");
    expect(venue.columns.locales).toEqual({ type: "character varying(16)[]", nullable: true, default: null });
    expect(venue.columns.created_at).toEqual({ type: "timestamp(3) with time zone", nullable: false, default: "CURRENT_TIMESTAMP" });
    expect(venue.columns.updated_at?.default).toBeNull();
    expect(expected.tables.consent_text!.columns.status).toEqual({ type: "consent_text_status", nullable: false, default: "DRAFT" });
    expect(expected.tables.event!.columns.id).toEqual({ type: "bigint", nullable: false, default: "nextval" });
    expect(expected.enums.consent_text_status).toEqual(["DRAFT", "IN_REVIEW", "APPROVED", "REJECTED", "PUBLISHED", "RETIRED"]);
    expect(expected.tables.zone!.foreignKeys).toEqual([
      {
        name: "zone_venue_id_fkey",
        columns: ["venue_id"],
        referencedTable: "venue",
        referencedColumns: ["id"],
        onDelete: "Cascade",
        onUpdate: "Cascade",
      },
    ]);
  });

  describe("reports drift", () => {
    let differences: string[];

    beforeAll(async () => {
      const actual = await migratedSchema(`
        ALTER TABLE "venue" ALTER COLUMN "name" TYPE VARCHAR(100);
        ALTER TABLE "zone" ALTER COLUMN "name" DROP NOT NULL;
        ALTER TABLE "guest" ADD COLUMN "stray" TEXT;
        DROP INDEX "venue_slug_key";
        ALTER TABLE "sponsor" ALTER COLUMN "active" SET DEFAULT false;
        ALTER TYPE "staff_role" ADD VALUE 'INTERN';
        ALTER TABLE "visit" DROP CONSTRAINT "visit_journey_id_fkey";
        ALTER TABLE "visit" ADD CONSTRAINT "visit_journey_id_fkey" FOREIGN KEY ("journey_id")
          REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
        DROP INDEX "portal_copy_venue_id_locale_published_key";
        CREATE UNIQUE INDEX "guest_email_when_not_erased_key" ON "guest"("email") WHERE "erased_at" IS NULL;
        CREATE TABLE "scratch" ("id" INTEGER);
      `);
      differences = diffSchemas(expected, actual, { allowedPartialIndexes: ALLOWED_PARTIAL_INDEXES });
    });

    afterAll(() => {
      differences = [];
    });

    it.each([
      ["a changed column type", "table venue: column name is character varying(100), expected character varying(200)"],
      ["a dropped NOT NULL", "table zone: column name is nullable, expected NOT NULL"],
      ["a stray column", "table guest: column stray not in schema.prisma"],
      ["a dropped unique index", "table venue: unique index venue_slug_key on (slug) missing"],
      ["a changed default", "table sponsor: column active defaults to false, expected true"],
      ["an extra enum value", "enum staff_role: values are (ADMIN, MARKETER, LEGAL, FRONT_DESK, INTERN), expected (ADMIN, MARKETER, LEGAL, FRONT_DESK)"],
      [
        "a changed ON DELETE",
        "table visit: foreign key on (journey_id) is visit_journey_id_fkey -> journey(id) ON DELETE Cascade ON UPDATE Cascade, " +
          "expected visit_journey_id_fkey -> journey(id) ON DELETE Restrict ON UPDATE Cascade",
      ],
      ["a missing allowlisted partial index", "allowed partial index portal_copy_venue_id_locale_published_key missing"],
      [
        "a partial index nobody allowed",
        "table guest: partial unique index guest_email_when_not_erased_key on (email) not in schema.prisma",
      ],
      ["a stray table", "table scratch: not in schema.prisma"],
    ])("%s", (_, difference) => {
      expect(differences).toContain(difference);
    });

    it("and nothing it was not shown", () => {
      expect(differences).toHaveLength(10);
    });
  });
});
