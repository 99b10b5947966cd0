// Writes guest visits the way a completed journey does (journey, guest, device, visit, one
// consent record per box, the events, and for an ended session its dwell and access.ended), in
// one statement on whatever connection is given, and counts the same things straight from the
// raw tables for comparison with the rollups.
import { createHash, randomUUID } from "node:crypto";

import type pg from "pg";

import type { Db } from "@/lib/db/client";

export interface FixtureVenue {
  id: string;
  timezone: string;
  zones: string[];
  /** purpose key → [purpose id, consent text id] */
  purposes: Record<string, [string, string]>;
}

export interface VisitSpec {
  venue: FixtureVenue;
  zoneId: string | null;
  guestId: string;
  /** Whether this is the guest's first visit anywhere (guest.created), else guest.returned. */
  firstVisit: boolean;
  at: Date;
  loginMethod: "EMAIL" | "LOYALTY" | "SAML";
  deviceType: "MOBILE" | "TABLET" | "DESKTOP" | "OTHER";
  language: string | null;
  decisions: { purpose: string; granted: boolean }[];
  /** Seconds connected when the session ended; undefined: still connected; null: ended, dwell not reported. */
  dwellSeconds?: number | null;
}

export async function createFixtureVenue(db: Db, slug: string, timezone: string): Promise<FixtureVenue> {
  const venue = await db.venue.create({ data: { slug, name: `Venue ${slug}`, timezone, defaultLocale: "en", locales: ["en"], countryCode: "GB" } });
  const zones = await Promise.all(["bar", "lobby"].map((z) => db.zone.create({ data: { venueId: venue.id, slug: z, name: `${slug} ${z}` } })));
  const sponsor = await db.sponsor.create({ data: { venueId: venue.id, slug: "acme", name: "Acme" } });
  const purposes: Record<string, [string, string]> = {};
  for (const [key, kind] of [
    ["terms", "TERMS"],
    ["marketing", "MARKETING"],
    ["sponsor:acme", "SPONSOR"],
  ] as const) {
    const purpose = await db.consentPurpose.create({ data: { venueId: venue.id, key, kind, sponsorId: kind === "SPONSOR" ? sponsor.id : null } });
    const text = await db.consentText.create({ data: { purposeId: purpose.id, locale: "en", version: 1, body: key, sha256: createHash("sha256").update(key, "utf8").digest("hex") } });
    purposes[key] = [purpose.id, text.id];
  }
  return { id: venue.id, timezone, zones: zones.map((z) => z.id), purposes };
}

/** The guests a run draws from, created up front (a visit's guest row must exist). */
export async function createGuests(db: Db, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.$executeRaw`INSERT INTO guest (id, email_normalized, email, updated_at) SELECT g, g::text || '@guests.test', g::text || '@guests.test', now() FROM unnest(${ids}::uuid[]) AS g`;
  return ids;
}

/** The SQL and parameters that write one visit; run it on Prisma or on a pg client inside an open transaction. */
export function visitStatement(v: VisitSpec): { text: string; values: unknown[] } {
  const decisions = v.decisions.map((d) => ({ purpose_id: v.venue.purposes[d.purpose]![0], text_id: v.venue.purposes[d.purpose]![1], granted: d.granted, purpose: d.purpose }));
  const ended = v.dwellSeconds !== undefined;
  const endedAt = ended ? new Date(v.at.getTime() + (v.dwellSeconds ?? 600) * 1000) : null;
  const text = `
    WITH journey_row AS (
      INSERT INTO journey (id, token, venue_id, status, locale, login_method, expires_at, guest_id, completed_at, created_at)
      VALUES ($1::uuid, $1::uuid::text, $2::uuid, 'COMPLETED', 'en', $6::login_method, $5::timestamptz + interval '1 hour', $4::uuid, $5::timestamptz, $5::timestamptz) RETURNING id
    ), device_row AS (
      INSERT INTO device (id, guest_id, fingerprint, device_type, os_family, language)
      VALUES ($7::uuid, $4::uuid, encode(sha256(convert_to($7::uuid::text, 'UTF8')), 'hex'), $8::device_type, $9::text, $10::text) RETURNING id
    ), visit_row AS (
      INSERT INTO visit (id, guest_id, venue_id, zone_id, device_id, journey_id, login_method, connected_at, ended_at, dwell_seconds)
      SELECT $11::uuid, $4::uuid, $2::uuid, $3::uuid, d.id, j.id, $6::login_method, $5::timestamptz, $13::timestamptz, $14::int FROM journey_row j, device_row d RETURNING id
    ), records AS (
      INSERT INTO consent_record (guest_id, purpose_id, consent_text_id, granted, method, recorded_at, ip, user_agent, journey_id)
      SELECT $4::uuid, r.purpose_id, r.text_id, r.granted, 'PORTAL', $5::timestamptz, '192.0.2.1', 'fixture', j.id
      FROM journey_row j, jsonb_to_recordset($12::jsonb) AS r(purpose_id uuid, text_id uuid, granted boolean)
    ), events AS (
      INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
      SELECT e.type, e.at, $2::uuid, $3::uuid, $4::uuid, d.id, j.id, e.payload
      FROM journey_row j, device_row d, visit_row vr, LATERAL (VALUES
        (1, CASE WHEN $15::boolean THEN 'guest.created' ELSE 'guest.returned' END, $5::timestamptz, '{"visitCount": 1}'::jsonb),
        (2, 'visit.started', $5::timestamptz, jsonb_build_object('visitId', vr.id::text, 'loginMethod', $6::login_method)),
        (3, 'consent.recorded', $5::timestamptz, jsonb_build_object('decisions', (SELECT COALESCE(jsonb_agg(jsonb_build_object('purpose', r.purpose, 'granted', r.granted)), '[]'::jsonb) FROM jsonb_to_recordset($12::jsonb) AS r(purpose text, granted boolean)))),
        (4, 'access.ended', $13::timestamptz, jsonb_build_object('dwellSeconds', $14::int, 'reason', 'User-Request', 'ip', '192.0.2.1'))
      ) AS e(position, type, at, payload)
      WHERE e.type <> 'access.ended' OR $13::timestamptz IS NOT NULL
      ORDER BY e.position
    )
    SELECT 1`;
  const values = [
    randomUUID(),
    v.venue.id,
    v.zoneId,
    v.guestId,
    v.at,
    v.loginMethod,
    randomUUID(),
    v.deviceType,
    v.deviceType === "DESKTOP" ? "Windows" : "iOS",
    v.language,
    randomUUID(),
    JSON.stringify(decisions),
    endedAt,
    ended ? v.dwellSeconds : null,
    v.firstVisit,
  ];
  return { text, values };
}

export async function writeVisit(db: Db, v: VisitSpec): Promise<void> {
  const { text, values } = visitStatement(v);
  await db.$executeRawUnsafe(text, ...values);
}

export async function writeVisitOn(client: pg.ClientBase, v: VisitSpec): Promise<void> {
  const { text, values } = visitStatement(v);
  await client.query(text, values);
}
