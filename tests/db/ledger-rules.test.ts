// The consent ledger's rules live in the database (hand-written section of the init
// migration), so they hold for every writer: the app, a script, or someone with psql.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashConsentWording } from "@/lib/consent/wording-hash";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

let db: TestDatabase;
let sql: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

async function one<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T> {
  const { rows } = await sql.query(text, values);
  return rows[0] as T;
}

async function insertId(text: string, values: unknown[] = []): Promise<string> {
  return (await one<{ id: string }>(`${text} RETURNING id`, values)).id;
}

/** A venue with a purpose, a staff author, a guest on a journey, and one wording in `status`. */
async function ledger(status = "DRAFT", body = "I agree to the terms of use.") {
  const venue = await insertId(
    `INSERT INTO venue (id, slug, name, default_locale, locales, country_code, updated_at)
     VALUES (gen_random_uuid(), 'v-' || substr(md5(random()::text), 1, 12), 'Venue', 'en', '{en}', 'GB', now())`,
  );
  const purpose = await insertId(
    `INSERT INTO consent_purpose (id, venue_id, kind, key) VALUES (gen_random_uuid(), $1, 'TERMS', 'terms')`,
    [venue],
  );
  const staff = await insertId(
    `INSERT INTO staff_user (id, email, role, updated_at)
     VALUES (gen_random_uuid(), substr(md5(random()::text), 1, 12) || '@example.org', 'LEGAL', now())`,
  );
  const text = await insertConsentText(purpose, { status, body, createdBy: staff });
  const guest = await insertId(`INSERT INTO guest (id, updated_at) VALUES (gen_random_uuid(), now())`);
  const journey = await insertId(
    `INSERT INTO journey (id, token, venue_id, locale, expires_at, guest_id)
     VALUES (gen_random_uuid(), md5(random()::text), $1, 'en', now() + interval '30 minutes', $2)`,
    [venue, guest],
  );
  return { venue, purpose, staff, text, guest, journey };
}

type TextOptions = { status?: string; body?: string; locale?: string; version?: number; createdBy?: string | null };

async function insertConsentText(
  purpose: string,
  { status = "DRAFT", body = "Wording", locale = "en", version, createdBy = null }: TextOptions = {},
): Promise<string> {
  return insertId(
    `INSERT INTO consent_text (id, purpose_id, locale, version, body, sha256, status, created_by_id)
     VALUES (gen_random_uuid(), $1, $2::varchar,
             COALESCE($3, (SELECT COALESCE(max(version), 0) + 1 FROM consent_text
                           WHERE purpose_id = $1 AND locale = $2::varchar)),
             $4, $5, $6, $7)`,
    [purpose, locale, version ?? null, body, hashConsentWording(body), status, createdBy],
  );
}

async function consentRecord(l: Awaited<ReturnType<typeof ledger>>): Promise<string> {
  return insertId(
    `INSERT INTO consent_record (guest_id, purpose_id, consent_text_id, granted, method, ip, user_agent, journey_id)
     VALUES ($1, $2, $3, true, 'PORTAL', '203.0.113.7', 'Mozilla/5.0', $4)`,
    [l.guest, l.purpose, l.text, l.journey],
  );
}

describe("consent_text", () => {
  it("rejects a sha256 that is not the hash of the stored body", async () => {
    const { purpose } = await ledger();
    await expect(
      sql.query(
        `INSERT INTO consent_text (id, purpose_id, locale, version, body, sha256)
         VALUES (gen_random_uuid(), $1, 'en', 9, 'Words', $2)`,
        [purpose, hashConsentWording("Other words")],
      ),
    ).rejects.toThrow(/consent_text_sha256_matches_body/);
  });

  it("matches the app's hash for non-ASCII wording stored in NFC", async () => {
    const { purpose } = await ledger();
    const body = "J'accepte les conditions générales — données traitées à Zürich.".normalize("NFC");
    await expect(insertConsentText(purpose, { body })).resolves.toBeTruthy();
  });

  it("lets a draft be rewritten and deleted", async () => {
    const { text } = await ledger("DRAFT");
    await sql.query(`UPDATE consent_text SET body = 'New', sha256 = $2, status = 'IN_REVIEW' WHERE id = $1`, [
      text,
      hashConsentWording("New"),
    ]);
    await sql.query(`UPDATE consent_text SET status = 'DRAFT' WHERE id = $1`, [text]);
    await expect(sql.query(`DELETE FROM consent_text WHERE id = $1`, [text])).resolves.toMatchObject({ rowCount: 1 });
  });

  describe.each(["APPROVED", "PUBLISHED", "RETIRED"])("once %s", (status) => {
    it.each([
      ["body and sha256", `body = 'Changed', sha256 = '${hashConsentWording("Changed")}'`],
      ["locale", `locale = 'fr'`],
      ["version", `version = version + 100`],
      ["purpose_id", `purpose_id = (SELECT id FROM consent_purpose WHERE id <> purpose_id LIMIT 1)`],
    ])("refuses to change its %s", async (_, set) => {
      await ledger(); // another purpose to point at
      const { text } = await ledger(status);
      await expect(sql.query(`UPDATE consent_text SET ${set} WHERE id = $1`, [text])).rejects.toThrow(
        /consent_text is frozen once approved: body, sha256, locale, version and purpose_id/,
      );
    });

    it("cannot be deleted", async () => {
      const { text } = await ledger(status);
      await expect(sql.query(`DELETE FROM consent_text WHERE id = $1`, [text])).rejects.toThrow(
        /consent_text is frozen once approved: .* cannot be deleted/,
      );
    });

    it.each(["DRAFT", "IN_REVIEW", "REJECTED"])("cannot go back to %s", async (back) => {
      const { text } = await ledger(status);
      await expect(sql.query(`UPDATE consent_text SET status = $2 WHERE id = $1`, [text, back])).rejects.toThrow(
        /consent_text is frozen once approved: status only moves forward/,
      );
    });
  });

  it("moves forward APPROVED → PUBLISHED → RETIRED while review and publishing metadata are filled in", async () => {
    const { text, staff } = await ledger("APPROVED");
    await sql.query(
      `UPDATE consent_text SET reviewed_by_id = $2, review_comment = 'ok', reviewed_at = now() WHERE id = $1`,
      [text, staff],
    );
    await sql.query(`UPDATE consent_text SET status = 'PUBLISHED', published_at = now() WHERE id = $1`, [text]);
    await sql.query(`UPDATE consent_text SET status = 'RETIRED', retired_at = now() WHERE id = $1`, [text]);
    expect(await one(`SELECT status FROM consent_text WHERE id = $1`, [text])).toEqual({ status: "RETIRED" });
  });

  it("does not move backwards between frozen states", async () => {
    const { text } = await ledger("RETIRED");
    await expect(sql.query(`UPDATE consent_text SET status = 'PUBLISHED' WHERE id = $1`, [text])).rejects.toThrow(
      /status only moves forward .* not RETIRED -> PUBLISHED/,
    );
    const published = await ledger("PUBLISHED");
    await expect(sql.query(`UPDATE consent_text SET status = 'APPROVED' WHERE id = $1`, [published.text])).rejects.toThrow(
      /not PUBLISHED -> APPROVED/,
    );
  });

  it("still lets its author's staff account be deleted (created_by_id becomes NULL)", async () => {
    const { text, staff } = await ledger("PUBLISHED");
    await sql.query(`DELETE FROM staff_user WHERE id = $1`, [staff]);
    expect(await one(`SELECT created_by_id FROM consent_text WHERE id = $1`, [text])).toEqual({ created_by_id: null });
  });

  it("allows one PUBLISHED wording per purpose and locale", async () => {
    const { purpose } = await ledger("PUBLISHED");
    await expect(insertConsentText(purpose, { status: "PUBLISHED" })).rejects.toThrow(
      /consent_text_purpose_id_locale_published_key/,
    );
    await expect(insertConsentText(purpose, { status: "PUBLISHED", locale: "fr" })).resolves.toBeTruthy();
    await expect(insertConsentText(purpose, { status: "RETIRED" })).resolves.toBeTruthy();
    await expect(insertConsentText(purpose, { status: "APPROVED" })).resolves.toBeTruthy();
  });
});

describe("portal_copy", () => {
  it("allows one PUBLISHED copy per venue and locale", async () => {
    const { venue } = await ledger();
    const copy = (version: number, status: string, locale = "en") =>
      sql.query(`INSERT INTO portal_copy (id, venue_id, locale, version, status) VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
        venue,
        locale,
        version,
        status,
      ]);
    await copy(1, "PUBLISHED");
    await copy(2, "ARCHIVED");
    await copy(3, "ARCHIVED");
    await copy(1, "PUBLISHED", "de");
    await expect(copy(4, "PUBLISHED")).rejects.toThrow(/portal_copy_venue_id_locale_published_key/);
  });

  it("allows one DRAFT copy per venue and locale", async () => {
    const { venue } = await ledger();
    const copy = (version: number, locale = "en") =>
      sql.query(`INSERT INTO portal_copy (id, venue_id, locale, version, status) VALUES (gen_random_uuid(), $1, $2, $3, 'DRAFT')`, [venue, locale, version]);
    await copy(1);
    await copy(1, "fr");
    await expect(copy(2)).rejects.toThrow(/portal_copy_venue_id_locale_draft_key/);
  });
});

describe("consent_record", () => {
  it("cannot be deleted", async () => {
    const id = await consentRecord(await ledger("PUBLISHED"));
    await expect(sql.query(`DELETE FROM consent_record WHERE id = $1`, [id])).rejects.toThrow(
      /consent_record is append-only: record \d+ cannot be deleted/,
    );
  });

  it("cannot be deleted through the app's Prisma client either", async () => {
    const id = await consentRecord(await ledger("PUBLISHED"));
    await expect(db.prisma.consentRecord.delete({ where: { id: BigInt(id) } })).rejects.toThrow(/consent_record is append-only/);
  });

  it.each([
    ["the decision", `granted = false`],
    ["the time", `recorded_at = recorded_at - interval '1 day'`],
    ["the ip to another value", `ip = '198.51.100.1'`],
    ["the user agent to another value", `user_agent = 'curl/8'`],
    ["the journey to another one", `journey_id = (SELECT id FROM journey WHERE id <> journey_id LIMIT 1)`],
  ])("refuses to change %s", async (_, set) => {
    await ledger(); // another journey to point at
    const id = await consentRecord(await ledger("PUBLISHED"));
    await expect(sql.query(`UPDATE consent_record SET ${set} WHERE id = $1`, [id])).rejects.toThrow(
      /consent_record is append-only: an update may only set ip, user_agent or journey_id to NULL/,
    );
  });

  it("lets erasure scrub ip, user_agent and journey_id", async () => {
    const id = await consentRecord(await ledger("PUBLISHED"));
    await sql.query(`UPDATE consent_record SET ip = NULL, user_agent = NULL, journey_id = NULL WHERE id = $1`, [id]);
    expect(await one(`SELECT ip, user_agent, journey_id, granted FROM consent_record WHERE id = $1`, [id])).toEqual({
      ip: null,
      user_agent: null,
      journey_id: null,
      granted: true,
    });
  });

  it("lets a deleted journey's ON DELETE SET NULL through", async () => {
    const l = await ledger("PUBLISHED");
    const id = await consentRecord(l);
    await sql.query(`DELETE FROM journey WHERE id = $1`, [l.journey]);
    expect(await one(`SELECT journey_id FROM consent_record WHERE id = $1`, [id])).toEqual({ journey_id: null });
  });
});

describe("event", () => {
  async function event(links: { venue: string; guest: string; journey: string }, device?: string): Promise<string> {
    return insertId(
      `INSERT INTO event (type, venue_id, guest_id, device_id, journey_id, payload)
       VALUES ('guest.connected', $1, $2, $3, $4, '{"ip":"203.0.113.7"}')`,
      [links.venue, links.guest, device ?? null, links.journey],
    );
  }

  it("cannot be deleted", async () => {
    const id = await event(await ledger());
    await expect(sql.query(`DELETE FROM event WHERE id = $1`, [id])).rejects.toThrow(
      /event is append-only: event \d+ cannot be deleted/,
    );
  });

  it.each([
    ["its type", `type = 'guest.other'`],
    ["its time", `occurred_at = occurred_at - interval '1 hour'`],
    ["who it was about", `guest_id = (SELECT id FROM guest WHERE id <> guest_id LIMIT 1)`],
  ])("refuses to change %s", async (_, set) => {
    await ledger(); // at least one other guest exists
    const id = await event(await ledger());
    await expect(sql.query(`UPDATE event SET ${set} WHERE id = $1`, [id])).rejects.toThrow(
      /event is append-only: an update may only set venue_id, zone_id, guest_id, device_id or journey_id to NULL or replace payload/,
    );
  });

  it("lets erasure null its links and replace its payload", async () => {
    const id = await event(await ledger());
    await sql.query(
      `UPDATE event SET venue_id = NULL, zone_id = NULL, guest_id = NULL, device_id = NULL, journey_id = NULL,
                        payload = '{"erased":true}'
       WHERE id = $1`,
      [id],
    );
    expect(await one(`SELECT guest_id, journey_id, payload FROM event WHERE id = $1`, [id])).toEqual({
      guest_id: null,
      journey_id: null,
      payload: { erased: true },
    });
  });

  it("lets a deleted guest's and device's ON DELETE SET NULL through", async () => {
    const l = await ledger();
    const device = await insertId(
      `INSERT INTO device (id, guest_id, fingerprint) VALUES (gen_random_uuid(), $1, repeat('a', 64))`,
      [l.guest],
    );
    const id = await event(l, device);
    await sql.query(`DELETE FROM journey WHERE id = $1`, [l.journey]);
    await sql.query(`DELETE FROM guest WHERE id = $1`, [l.guest]);
    expect(await one(`SELECT guest_id, device_id, venue_id FROM event WHERE id = $1`, [id])).toEqual({
      guest_id: null,
      device_id: null,
      venue_id: l.venue,
    });
  });
});

describe("audit_entry", () => {
  async function entry(actor: string): Promise<string> {
    return insertId(
      `INSERT INTO audit_entry (actor_id, action, entity_type, entity_id, after)
       VALUES ($1, 'consent_text.approve', 'consent_text', 'x', '{}')`,
      [actor],
    );
  }

  it("cannot be updated, not even to scrub it", async () => {
    const id = await entry((await ledger()).staff);
    await expect(sql.query(`UPDATE audit_entry SET ip = NULL WHERE id = $1`, [id])).rejects.toThrow(
      /audit_entry is append-only: UPDATE of entry \d+ is not allowed/,
    );
  });

  it("cannot be deleted", async () => {
    const id = await entry((await ledger()).staff);
    await expect(sql.query(`DELETE FROM audit_entry WHERE id = $1`, [id])).rejects.toThrow(
      /audit_entry is append-only: DELETE of entry \d+ is not allowed/,
    );
  });

  it("keeps its actor: a staff account with audit entries cannot be deleted", async () => {
    const { staff } = await ledger();
    await entry(staff);
    await expect(sql.query(`DELETE FROM staff_user WHERE id = $1`, [staff])).rejects.toThrow(/audit_entry_actor_id_fkey/);
  });
});
