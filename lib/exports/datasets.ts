// What each export file holds: its columns, in order, and the rows, read from the database in
// keyset batches (so a large day never sits in memory). docs/EXPORTS.md documents every column.
import { shareablePart } from "@/lib/api-keys/namespaces";
import type { Db } from "@/lib/db/client";
import { fieldsByPurposeKind, mayReceive, type LedgerState, type PurposeKind } from "@/lib/delivery/consent-gate";

import type { Cell, Row } from "./encode-rows";
import type { DayWindow } from "./day-window";

const batchSize = 2000;

export const eventColumns = ["event_id", "type", "occurred_at", "zone", "guest_id", "device_id", "journey_id", "payload"] as const;

interface EventRow {
  id: bigint;
  occurredAt: Date;
  zone: string | null;
  guestId: string | null;
  deviceId: string | null;
  journeyId: string | null;
  payload: string;
}

/** The venue's events of one type that day, by time then id (the order a re-run repeats). */
export async function* eventRows(db: Db, window: DayWindow, type: string): AsyncGenerator<Row[]> {
  let after: { at: Date; id: bigint } = { at: new Date(window.from.getTime() - 1), id: -1n };
  for (;;) {
    const rows = await db.$queryRaw<EventRow[]>`
      SELECT e.id, e.occurred_at AS "occurredAt", z.slug AS zone, e.guest_id AS "guestId", e.device_id AS "deviceId",
             e.journey_id AS "journeyId", e.payload::text AS payload
      FROM event e LEFT JOIN zone z ON z.id = e.zone_id
      WHERE e.venue_id = ${window.venue.id}::uuid AND e.type = ${type}
        AND e.occurred_at >= ${window.from} AND e.occurred_at < ${window.to}
        AND (e.occurred_at, e.id) > (${after.at}::timestamptz, ${after.id}::bigint)
      ORDER BY e.occurred_at, e.id
      LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows.map((r) => [r.id, type, r.occurredAt, r.zone, r.guestId, r.deviceId, r.journeyId, { json: r.payload }]);
    const last = rows.at(-1)!;
    after = { at: last.occurredAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}

/** The event types with a file that day: the whole vocabulary, plus any older type still in the log. */
export async function eventTypesOfDay(db: Db, window: DayWindow, vocabulary: readonly string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ type: string }[]>`
    SELECT DISTINCT type FROM event
    WHERE venue_id = ${window.venue.id}::uuid AND occurred_at >= ${window.from} AND occurred_at < ${window.to}`;
  return [...new Set([...vocabulary, ...rows.map((r) => r.type)])].sort();
}

/** A consent purpose a guest can opt in to (the terms are not one: they let nobody receive anything). */
export interface OptionalPurpose {
  id: string;
  key: string;
  kind: Exclude<PurposeKind, "TERMS">;
}

export async function optionalPurposes(db: Db, venueId: string): Promise<OptionalPurpose[]> {
  const purposes = await db.consentPurpose.findMany({ where: { venueId, kind: { not: "TERMS" } }, orderBy: [{ position: "asc" }, { key: "asc" }] });
  return purposes.map((p) => ({ id: p.id, key: p.key, kind: p.kind as OptionalPurpose["kind"] }));
}

/** "sponsor:acme-coffee" → "consent_sponsor_acme_coffee". */
export const consentColumn = (key: string) => `consent_${key.replace(/[^a-z0-9]+/g, "_")}`;

// Visitor data leaves Portico only in its shareable namespaces (lib/api-keys/namespaces.ts):
// the visitor_data column holds those, never the internal ones.
export function guestColumns(purposes: readonly OptionalPurpose[]): string[] {
  return [
    "guest_id",
    "erased",
    "email",
    "name",
    "phone",
    "locale",
    "first_seen_at",
    "last_seen_at",
    "visit_count",
    "visits_on_day",
    "first_connected_at",
    "last_connected_at",
    "visitor_data",
    ...purposes.map((p) => consentColumn(p.key)),
  ];
}

/** JSON text with object keys sorted at every level: the same data always gives the same bytes. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

/** The contact fields a marketing list carries: those the consent gate lets the purpose's recipients see. */
const listContactFields = ["email", "name", "phone", "locale"] as const;

export function listColumns(purpose: OptionalPurpose): string[] {
  const allowed = new Set<string>(fieldsByPurposeKind[purpose.kind]);
  return ["guest_id", ...listContactFields.filter((f) => allowed.has(f)), "granted_at", "wording_locale", "wording_version", "wording_sha256"];
}

interface GuestRow {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  locale: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  visitCount: number;
  visitorData: Record<string, unknown> | null;
  erased: boolean;
  visitsOnDay: number;
  firstConnectedAt: Date;
  lastConnectedAt: Date;
}

interface Decision {
  granted: boolean;
  recordedAt: Date;
  locale: string;
  version: number;
  sha256: string;
}

export interface GuestBatch {
  guests: Row[];
  /** Per purpose key: the rows of its marketing list in this batch. */
  lists: Map<string, Row[]>;
}

/**
 * The guests who connected at the venue that day, by guest id, with their consent as it
 * stands at `asOf` (the export's own time): each flag and each list is the consent gate's
 * answer (lib/delivery/consent-gate.ts), the same rule that decides what connectors receive.
 */
export async function* guestBatches(db: Db, window: DayWindow, purposes: readonly OptionalPurpose[], asOf: Date, shareable: readonly string[] = []): AsyncGenerator<GuestBatch> {
  let after = "00000000-0000-0000-0000-000000000000";
  const purposeIds = purposes.map((p) => p.id);
  for (;;) {
    const rows = await db.$queryRaw<GuestRow[]>`
      WITH day AS (
        SELECT guest_id, count(*)::int AS visits, min(connected_at) AS first_at, max(connected_at) AS last_at
        FROM visit
        WHERE venue_id = ${window.venue.id}::uuid AND connected_at >= ${window.from} AND connected_at < ${window.to}
          AND guest_id > ${after}::uuid
        GROUP BY guest_id ORDER BY guest_id LIMIT ${batchSize}
      )
      SELECT g.id, g.email, g.name, g.phone, g.locale, g.first_seen_at AS "firstSeenAt", g.last_seen_at AS "lastSeenAt",
             g.visit_count AS "visitCount", g.visitor_data AS "visitorData", (g.erased_at IS NOT NULL OR g.email IS NULL) AS erased,
             d.visits AS "visitsOnDay", d.first_at AS "firstConnectedAt", d.last_at AS "lastConnectedAt"
      FROM day d JOIN guest g ON g.id = d.guest_id
      ORDER BY g.id`;
    if (rows.length === 0) return;
    const decisions = await latestDecisions(db, rows.map((r) => r.id), purposeIds, asOf);
    const batch: GuestBatch = { guests: [], lists: new Map(purposes.map((p) => [p.key, []])) };
    for (const guest of rows) {
      const own = decisions.get(guest.id) ?? new Map<string, Decision>();
      const ledger: LedgerState = { erased: guest.erased, latest: new Map([...own].map(([purposeId, d]) => [purposeId, d.granted])) };
      const covered = purposes.map((p) => mayReceive({ connectorId: `export:${p.key}`, purposeId: p.id, purposeKind: p.kind }, ledger));
      batch.guests.push(guestRow(guest, covered, shareable));
      purposes.forEach((purpose, i) => {
        if (!covered[i]) return;
        const decision = own.get(purpose.id)!;
        const contact: Record<(typeof listContactFields)[number], Cell> = { email: guest.email, name: guest.name, phone: guest.phone, locale: guest.locale };
        const allowed = new Set<string>(fieldsByPurposeKind[purpose.kind]);
        batch.lists.get(purpose.key)!.push([
          guest.id,
          ...listContactFields.filter((f) => allowed.has(f)).map((f) => contact[f]),
          decision.recordedAt,
          decision.locale,
          decision.version,
          decision.sha256,
        ]);
      });
    }
    yield batch;
    after = rows.at(-1)!.id;
    if (rows.length < batchSize) return;
  }
}

function guestRow(guest: GuestRow, covered: readonly boolean[], shareable: readonly string[]): Row {
  // An erased guest is an anonymised id and nothing else.
  const personal = (value: Cell): Cell => (guest.erased ? null : value);
  return [
    guest.id,
    guest.erased,
    personal(guest.email),
    personal(guest.name),
    personal(guest.phone),
    personal(guest.locale),
    personal(guest.firstSeenAt),
    personal(guest.lastSeenAt),
    personal(guest.visitCount),
    guest.visitsOnDay,
    guest.firstConnectedAt,
    guest.lastConnectedAt,
    personal({ json: stableJson(shareablePart(guest.visitorData ?? {}, shareable)) }),
    ...covered,
  ];
}

/** Each guest's newest decision per purpose recorded up to `asOf`, with the wording it answered. */
async function latestDecisions(db: Db, guestIds: string[], purposeIds: string[], asOf: Date): Promise<Map<string, Map<string, Decision>>> {
  const rows = await db.$queryRaw<(Decision & { guestId: string; purposeId: string })[]>`
    SELECT DISTINCT ON (r.guest_id, r.purpose_id)
           r.guest_id AS "guestId", r.purpose_id AS "purposeId", r.granted, r.recorded_at AS "recordedAt", t.locale, t.version, t.sha256
    FROM consent_record r JOIN consent_text t ON t.id = r.consent_text_id
    WHERE r.guest_id = ANY (${guestIds}::uuid[]) AND r.purpose_id = ANY (${purposeIds}::uuid[]) AND r.recorded_at <= ${asOf}
    ORDER BY r.guest_id, r.purpose_id, r.recorded_at DESC, r.id DESC`;
  const byGuest = new Map<string, Map<string, Decision>>();
  for (const row of rows) {
    const own = byGuest.get(row.guestId) ?? new Map<string, Decision>();
    own.set(row.purposeId, row);
    byGuest.set(row.guestId, own);
  }
  return byGuest;
}
