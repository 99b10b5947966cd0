import { v7 as uuidv7 } from "uuid";

import type { ConsentDecision } from "@/lib/consent/decide-consent";
import type { Db } from "@/lib/db/client";
import type { DeviceSighting } from "@/lib/devices/upsert-device";
import type { EventType } from "@/lib/events/record-event";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { visitorDataMerge } from "@/lib/guests/visitor-data";

export interface Completion {
  journeyId: string;
  /** The wording version the decisions were taken against; the journey is claimed only while it is still live. */
  contentVersion: number;
  /** The locale the guest read the consent page in. */
  locale: string;
  /** For a journey from before login answers carried their normalised email. */
  fallbackEmailNormalized: string | null;
  device: DeviceSighting;
  decisions: readonly ConsentDecision[];
  /** The consent-recorded event's decisions, with the wording each answered. */
  decisionEvidence: readonly Record<string, unknown>[];
  /** What the portal notes in its own namespace of the guest's visitor data. */
  portalData: Prisma.InputJsonObject;
  /**
   * A website sign-in (lib/saml/sp): the account to link to the guest, the fields the website
   * owns from now on, and the attributes it maps into visitor data, by namespace.
   */
  saml?: { issuer: string; nameId: string; nameIdFormat: string | null; ownedFields: readonly string[]; visitorData: Record<string, Prisma.InputJsonObject> } | null;
  /** The connectors the consent gate lets receive this visit: one outbox row each. */
  recipients: readonly { connectorId: string; label: string }[];
  /** Added to the visit.started event (a welcome-back visit says how the device was recognised). */
  visitNote?: Prisma.InputJsonObject;
  ip: string | null;
  userAgent: string | null;
  at: Date;
}

export interface CompletionResult {
  guestId: string;
  visitCount: number;
  created: boolean;
  loginMethod: LoginMethod;
  originalUrl: string | null;
}

const guestCreated: EventType = "guest.created";
const guestReturned: EventType = "guest.returned";
const visitStarted: EventType = "visit.started";
const consentRecorded: EventType = "consent.recorded";

/**
 * Completes an identified journey in ONE statement, all or nothing: claims the journey (a
 * locking read that a replayed or concurrent submit finds already done, and a newly published
 * wording version finds out of date), takes the login answers it held and clears them, writes
 * the guest (by normalised email, profile fields filled in but never blanked, the portal's
 * visitor data merged) or counts their return, their device, the visit, one consent record per
 * box shown — ticked or not, pointing at the exact wording version — and the events. Null when
 * there was nothing to claim; the caller finds out why.
 *
 * One round trip and no interactive transaction: the consent step is the busiest write a venue
 * has when a crowd arrives, and a held connection or lock there is what queues everyone else.
 */
export async function recordCompletion(db: Db, completion: Completion): Promise<CompletionResult | null> {
  const { device, at } = completion;
  const guestId = uuidv7();
  const visitId = uuidv7();
  const decisions = completion.decisions.map((d) => ({ purpose_id: d.purposeId, consent_text_id: d.consentTextId, granted: d.granted }));
  const saml = completion.saml ?? null;
  const websiteData = Object.entries(saml?.visitorData ?? {});
  const portalData = (current: Prisma.Sql) =>
    websiteData.reduce((sql, [namespace, patch]) => visitorDataMerge(sql, namespace, patch), visitorDataMerge(current, "portal", completion.portalData));
  // A field the guest's website owns keeps the website's value: only a website sign-in writes it.
  const owned = (field: "email" | "name" | "phone", value: Prisma.Sql) =>
    saml
      ? value
      : Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM guest_saml_identity s WHERE s.guest_id = g.id AND ${field} = ANY (s.owned_fields)) THEN g.${Prisma.raw(field)} ELSE ${value} END`;

  const rows = await db.$queryRaw<CompletionResult[]>`
    WITH claimed AS (
      SELECT j.id, j.venue_id, j.login_method, j.ap_mac, j.original_url, j.identity,
             COALESCE((SELECT z.id FROM zone z WHERE z.venue_id = j.venue_id AND z.slug = j.zone_slug),
                      (SELECT ap.zone_id FROM access_point ap WHERE ap.venue_id = j.venue_id AND ap.mac = j.ap_mac)) AS zone_id
      FROM journey j JOIN venue v ON v.id = j.venue_id
      WHERE j.id = ${completion.journeyId}::uuid AND j.status = 'IDENTIFIED' AND j.expires_at > ${at}
        AND j.identity IS NOT NULL AND v.content_version = ${completion.contentVersion}
      FOR UPDATE OF j
    ), guest_row AS (
      INSERT INTO guest AS g (id, email_normalized, email, name, phone, birthday, locale, first_seen_at, last_seen_at, visit_count, visitor_data, created_at, updated_at)
      SELECT ${guestId}::uuid, NULLIF(COALESCE(c.identity ->> 'emailNormalized', ${completion.fallbackEmailNormalized}), ''), btrim(c.identity ->> 'email'),
             NULLIF(c.identity ->> 'name', ''), NULLIF(c.identity ->> 'phone', ''), (NULLIF(c.identity ->> 'birthday', ''))::date,
             ${completion.locale}, ${at}, ${at}, 1, ${portalData(Prisma.sql`'{}'::jsonb`)}, ${at}, ${at}
      FROM claimed c
      ON CONFLICT (email_normalized) DO UPDATE SET
        email = ${owned("email", Prisma.sql`EXCLUDED.email`)},
        name = ${owned("name", Prisma.sql`COALESCE(EXCLUDED.name, g.name)`)},
        phone = ${owned("phone", Prisma.sql`COALESCE(EXCLUDED.phone, g.phone)`)},
        birthday = COALESCE(EXCLUDED.birthday, g.birthday),
        locale = EXCLUDED.locale,
        last_seen_at = EXCLUDED.last_seen_at,
        visit_count = g.visit_count + 1,
        visitor_data = ${portalData(Prisma.sql`g.visitor_data`)},
        updated_at = EXCLUDED.updated_at
      RETURNING g.id, g.visit_count, (g.xmax = 0) AS created
    ), website_account AS (
      INSERT INTO guest_saml_identity AS s (id, guest_id, issuer, name_id, name_id_format, owned_fields, created_at, last_login_at)
      SELECT ${uuidv7()}::uuid, gr.id, ${saml?.issuer ?? ""}, ${saml?.nameId ?? ""}, ${saml?.nameIdFormat ?? null}, ${[...(saml?.ownedFields ?? [])]}::varchar(32)[], ${at}, ${at}
      FROM guest_row gr WHERE ${saml !== null}
      ON CONFLICT (issuer, name_id) DO UPDATE SET
        guest_id = EXCLUDED.guest_id, name_id_format = EXCLUDED.name_id_format, owned_fields = EXCLUDED.owned_fields, last_login_at = EXCLUDED.last_login_at
    ), device_row AS (
      INSERT INTO device AS d (id, guest_id, fingerprint, mac_address, mac_randomized, user_agent, device_type, os_family, os_version, browser, language, first_seen_at, last_seen_at)
      SELECT ${uuidv7()}::uuid, gr.id, ${device.fingerprint}, ${device.macAddress}, ${device.macRandomized}, ${device.userAgent}, ${device.deviceType}::device_type,
             ${device.osFamily}, ${device.osVersion}, ${device.browser}, ${device.language}, ${at}, ${at}
      FROM guest_row gr
      ON CONFLICT (guest_id, fingerprint) DO UPDATE SET
        mac_address = EXCLUDED.mac_address, mac_randomized = EXCLUDED.mac_randomized, user_agent = EXCLUDED.user_agent,
        device_type = EXCLUDED.device_type, os_family = EXCLUDED.os_family, os_version = EXCLUDED.os_version,
        browser = EXCLUDED.browser, language = EXCLUDED.language, last_seen_at = EXCLUDED.last_seen_at
      RETURNING d.id
    ), visit_row AS (
      INSERT INTO visit (id, guest_id, venue_id, zone_id, device_id, journey_id, access_point_mac, login_method, connected_at)
      SELECT ${visitId}::uuid, gr.id, c.venue_id, c.zone_id, dr.id, c.id, c.ap_mac, c.login_method, ${at}
      FROM claimed c, guest_row gr, device_row dr
    ), completed AS (
      UPDATE journey j SET status = 'COMPLETED', completed_at = ${at}, identity = NULL, locale = ${completion.locale}, guest_id = gr.id
      FROM guest_row gr WHERE j.id = ${completion.journeyId}::uuid
    ), records AS (
      INSERT INTO consent_record (guest_id, purpose_id, consent_text_id, granted, method, recorded_at, ip, user_agent, journey_id)
      SELECT gr.id, d.purpose_id, d.consent_text_id, d.granted, 'PORTAL', ${at}, ${completion.ip}, ${completion.userAgent}, c.id
      FROM claimed c, guest_row gr,
           ROWS FROM (jsonb_to_recordset(${JSON.stringify(decisions)}::jsonb) AS (purpose_id uuid, consent_text_id uuid, granted boolean))
             WITH ORDINALITY AS d(purpose_id, consent_text_id, granted, position)
      ORDER BY d.position
    ), outbox AS (
      INSERT INTO delivery (guest_id, connector_id, connector, operation, visit_id, status, next_attempt_at, created_at)
      SELECT gr.id, r.connector_id, r.label, 'upsert', ${visitId}::uuid, 'PENDING', ${at}, ${at}
      FROM guest_row gr, jsonb_to_recordset(${JSON.stringify(completion.recipients.map((r) => ({ connector_id: r.connectorId, label: r.label })))}::jsonb)
           AS r(connector_id uuid, label text)
    ), events AS (
      INSERT INTO event (type, occurred_at, venue_id, zone_id, guest_id, device_id, journey_id, payload)
      SELECT e.type, ${at}, c.venue_id, c.zone_id, gr.id, dr.id, c.id, e.payload
      FROM claimed c, guest_row gr, device_row dr,
           LATERAL (VALUES
             (1, CASE WHEN gr.created THEN ${guestCreated} ELSE ${guestReturned} END, jsonb_build_object('visitCount', gr.visit_count)),
             (2, ${visitStarted}, jsonb_build_object('visitId', ${visitId}::text, 'loginMethod', c.login_method) || ${JSON.stringify(completion.visitNote ?? {})}::jsonb),
             (3, ${consentRecorded}, jsonb_build_object('decisions', ${JSON.stringify(completion.decisionEvidence)}::jsonb))
           ) AS e(position, type, payload)
      -- A welcome back that asked nothing again decided nothing: no consent event.
      WHERE e.type <> ${consentRecorded} OR ${completion.decisions.length > 0}
      ORDER BY e.position
    )
    SELECT gr.id AS "guestId", gr.visit_count AS "visitCount", gr.created, c.login_method::text AS "loginMethod", c.original_url AS "originalUrl"
    FROM claimed c, guest_row gr`;
  return rows[0] ?? null;
}
