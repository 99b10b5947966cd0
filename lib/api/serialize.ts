// Rows → the API's JSON shapes (lib/api/schemas.ts).
import type { Db } from "@/lib/db/client";
import { mayReceive } from "@/lib/delivery/consent-gate";

type GuestRow = {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  birthday: Date | null;
  locale: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  visit_count: number;
  updated_at: Date;
  erased_at: Date | null;
};

/**
 * An erased guest is only its anonymous id. `erased_at` is the marker the erasure work
 * (another issue) sets; until it exists no guest has it, and this is the one place the API
 * decides what an erased guest shows.
 */
export function guestJson(row: GuestRow, consent: readonly ConsentFlag[] = []) {
  if (row.erased_at) return { id: row.id, erased: true as const, updated_at: row.updated_at.toISOString() };
  return {
    id: row.id,
    erased: false as const,
    email: row.email,
    name: row.name,
    phone: row.phone,
    birthday: row.birthday ? row.birthday.toISOString().slice(0, 10) : null,
    locale: row.locale,
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    visit_count: row.visit_count,
    consent,
    updated_at: row.updated_at.toISOString(),
  };
}

export const guestColumns = "g.id, g.email, g.name, g.phone, g.birthday, g.locale, g.first_seen_at, g.last_seen_at, g.visit_count, g.updated_at, g.erased_at";

/** A guest's current answer for one optional purpose at one venue (the consent gate's reading of the ledger). */
export interface ConsentFlag {
  venue_id: string;
  /** "marketing" or "sponsor:<slug>". */
  purpose: string;
  granted: boolean;
  decided_at: string;
}

/**
 * The current consent of each guest for the optional purposes of the venues the key reaches:
 * the latest decision per purpose, read by the consent gate's rule (mayReceive: granted, and
 * the guest not erased), so what the API says matches what connectors and exports do.
 */
export async function consentFlags(db: Db, guests: readonly { id: string; erased_at: Date | null }[], venues: string[] | null): Promise<Map<string, ConsentFlag[]>> {
  const ids = guests.filter((g) => !g.erased_at).map((g) => g.id);
  const flags = new Map<string, ConsentFlag[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return flags;
  const rows = await db.$queryRaw<{ guestId: string; venueId: string; purposeId: string; kind: string; key: string; granted: boolean; recordedAt: Date }[]>`
    SELECT DISTINCT ON (r.guest_id, r.purpose_id) r.guest_id AS "guestId", p.venue_id AS "venueId", p.id AS "purposeId", p.kind::text AS kind, p.key,
           r.granted, r.recorded_at AS "recordedAt"
    FROM consent_record r JOIN consent_purpose p ON p.id = r.purpose_id
    WHERE r.guest_id = ANY(${ids}::uuid[]) AND p.kind <> 'TERMS'
      AND (${venues}::uuid[] IS NULL OR p.venue_id = ANY(${venues}::uuid[]))
    ORDER BY r.guest_id, r.purpose_id, r.recorded_at DESC, r.id DESC`;
  for (const row of rows) {
    const granted = mayReceive({ connectorId: "api", purposeId: row.purposeId, purposeKind: row.kind as "MARKETING" | "SPONSOR" }, { erased: false, latest: new Map([[row.purposeId, row.granted]]) });
    flags.get(row.guestId)!.push({ venue_id: row.venueId, purpose: row.key, granted, decided_at: row.recordedAt.toISOString() });
  }
  for (const list of flags.values()) list.sort((a, b) => a.venue_id.localeCompare(b.venue_id) || a.purpose.localeCompare(b.purpose));
  return flags;
}
