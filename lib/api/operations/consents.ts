import { assertGuestReachable, venuesFor } from "../access";
import { defineRoute } from "../route-spec";
import { guestConsentsSchema, guestIdParams } from "../schemas";

export const getGuestConsents = defineRoute({
  operationId: "getGuestConsents",
  method: "GET",
  path: "/guests/{guestId}/consents",
  tag: "Guests",
  summary: "A guest's consent: the current decision per purpose and the full history",
  description:
    "Every decision names the exact wording version shown, with its SHA-256. A venue-scoped key sees only its venue's purposes. The history is the legal record and is never cut short.",
  scopes: ["guests:read"],
  params: guestIdParams,
  responses: { 200: { description: "Current decisions and history", schema: guestConsentsSchema }, 404: { description: "No such guest for this key" } },
  async handler({ db, principal, params }) {
    await assertGuestReachable(db, principal, params.guestId);
    const venues = venuesFor(principal);
    const records = await db.consentRecord.findMany({
      where: { guestId: params.guestId, ...(venues ? { purpose: { venueId: { in: venues } } } : {}) },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      include: { consentText: true, purpose: true },
    });
    const history = records.map((r) => ({
      id: r.id.toString(),
      purpose: { id: r.purpose.id, key: r.purpose.key, kind: r.purpose.kind, venue_id: r.purpose.venueId },
      granted: r.granted,
      decision: r.granted ? ("granted" as const) : r.method === "WITHDRAWAL" ? ("withdrawn" as const) : ("declined" as const),
      method: r.method,
      recorded_at: r.recordedAt.toISOString(),
      wording: { id: r.consentText.id, locale: r.consentText.locale, version: r.consentText.version, sha256: r.consentText.sha256 },
    }));
    // Newest first, so the first record seen per purpose is its current decision.
    const current = new Map<string, (typeof history)[number]>();
    for (const entry of history) if (!current.has(entry.purpose.id)) current.set(entry.purpose.id, entry);
    return { status: 200, body: { guest_id: params.guestId, current: [...current.values()], history } };
  },
});
