// Reads what the release rule (release.ts) decides on: the guest as Portico knows them now and
// where they stand in the consent ledger (the newest decision per purpose), at the moment of
// the response, so a withdrawal or an erasure since the journey is seen.
import "server-only";

import type { PurposeKind } from "@/lib/delivery/consent-gate";
import type { Db, DbTx } from "@/lib/db/client";

import type { ReleasableGuest } from "./release";

interface DecisionRow {
  purposeId: string;
  key: string;
  kind: PurposeKind;
  granted: boolean;
}

/** The guest with their ledger; null when there is no such guest or no email left to release (erased). */
export async function loadReleasableGuest(db: Db | DbTx, guestId: string): Promise<ReleasableGuest | null> {
  const guest = await db.guest.findUnique({
    where: { id: guestId },
    select: { emailNormalized: true, name: true, phone: true, locale: true, visitorData: true, erasedAt: true },
  });
  if (!guest || !guest.emailNormalized || guest.erasedAt) return null;
  const decisions = await db.$queryRaw<DecisionRow[]>`
    SELECT DISTINCT ON (cr.purpose_id) cr.purpose_id AS "purposeId", p.key, p.kind::text AS kind, cr.granted
    FROM consent_record cr JOIN consent_purpose p ON p.id = cr.purpose_id
    WHERE cr.guest_id = ${guestId}::uuid
    ORDER BY cr.purpose_id, cr.recorded_at DESC, cr.id DESC`;
  return {
    // The normalised address (the identity key): the same guest is the same account on every website.
    email: guest.emailNormalized,
    name: guest.name,
    phone: guest.phone,
    locale: guest.locale,
    visitorData: (guest.visitorData ?? {}) as Record<string, unknown>,
    ledger: { erased: false, latest: new Map(decisions.map((d) => [d.purposeId, d.granted])) },
    purposeKinds: new Map(decisions.map((d) => [d.key, d.kind])),
    decisions: new Map(decisions.map((d) => [d.key, d.granted])),
  };
}
