import { z } from "zod";

import { decideConsent } from "@/lib/consent/decide-consent";
import { getPublishedConsentWording } from "@/lib/consent/published-wording";
import type { Db, DbTx } from "@/lib/db/client";
import { upsertDevice } from "@/lib/devices/upsert-device";
import { DomainError } from "@/lib/errors";
import { recordEvents } from "@/lib/events/record-event";
import { upsertGuest } from "@/lib/guests/upsert-guest";
import { mergeVisitorData } from "@/lib/guests/visitor-data";

import { claimJourney, type ClaimedJourney } from "./claim-journey";
import { loadJourney } from "./load-journey";
import type { FieldErrors } from "./open-journey";
import { consentSubmissionSchema } from "./schemas";

export type CompleteResult = { status: "completed"; replayed: boolean } | { status: "invalid"; fieldErrors: FieldErrors };

export interface CompleteJourneyInput {
  venueSlug: string;
  token: unknown;
  submission: Record<string, unknown>;
  /** The locale the consent page was read in, when the guest switched language on it. */
  locale?: string | null;
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  now?: Date;
}

/**
 * The consent submit: one transaction claims the journey (taking its held login answers and
 * clearing them in the same statement), writes the guest (or counts their return), their
 * device, the visit, one consent record per box shown — ticked or not, pointing at the exact
 * wording version — and the events. A replayed or double-clicked submit finds nothing to claim
 * and writes nothing; a refusal rolls the claim back with everything else.
 */
export async function completeJourney(db: Db, input: CompleteJourneyInput): Promise<CompleteResult> {
  const now = input.now ?? new Date();
  const parsed = consentSubmissionSchema.safeParse(input.submission);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };

  const completed = await db.$transaction(async (tx) => {
    const journey = await claimJourney(tx, { venueSlug: input.venueSlug, token: input.token, locale: input.locale, now });
    if (!journey) return false;
    // Checked inside the transaction: the wording the decisions point at is the wording live now.
    const shownNow = await getPublishedConsentWording(tx, { id: journey.venueId, defaultLocale: journey.defaultLocale }, journey.locale);
    const decisions = decideConsent(shownNow, parsed.data);

    const { guest, created } = await upsertGuest(tx, { ...journey.identity, locale: journey.locale }, now);
    const device = await upsertDevice(tx, {
      guestId: guest.id,
      mac: journey.clientMac,
      userAgent: input.userAgent ?? journey.userAgent,
      acceptLanguage: input.acceptLanguage,
      seenAt: now,
    });
    const zoneId = await resolveZoneId(tx, journey);
    const visit = await tx.visit.create({
      data: {
        guestId: guest.id,
        venueId: journey.venueId,
        zoneId,
        deviceId: device.id,
        journeyId: journey.id,
        accessPointMac: journey.apMac,
        loginMethod: journey.loginMethod,
        connectedAt: now,
      },
      select: { id: true },
    });
    await tx.consentRecord.createMany({
      data: decisions.map((d) => ({
        guestId: guest.id,
        purposeId: d.purposeId,
        consentTextId: d.consentTextId,
        granted: d.granted,
        method: "PORTAL" as const,
        recordedAt: now,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        journeyId: journey.id,
      })),
    });
    await tx.journey.update({ where: { id: journey.id }, data: { guestId: guest.id }, select: { id: true } });
    await mergeVisitorData(tx, guest.id, "portal", {
      lastVenue: input.venueSlug,
      lastLoginMethod: journey.loginMethod,
      ...(journey.loginMethod === "LOYALTY" ? { loyaltyMember: true } : {}),
    });

    const context = { venueId: journey.venueId, zoneId, guestId: guest.id, deviceId: device.id, journeyId: journey.id, occurredAt: now };
    const byTextId = new Map(shownNow.map((s) => [s.consentTextId, s]));
    await recordEvents(tx, [
      { ...context, type: created ? "guest.created" : "guest.returned", payload: { visitCount: guest.visitCount } },
      { ...context, type: "visit.started", payload: { visitId: visit.id, loginMethod: journey.loginMethod } },
      {
        ...context,
        type: "consent.recorded",
        payload: {
          decisions: decisions.map((d) => {
            const text = byTextId.get(d.consentTextId)!;
            return { purpose: text.key, granted: d.granted, locale: text.locale, version: text.version, sha256: text.sha256 };
          }),
        },
      },
    ]);
    return true;
  });
  if (completed) return { status: "completed", replayed: false };

  // Nothing to claim: a replay of a completed journey, or a journey that cannot go on (why, in its error).
  const journey = await loadJourney(db, input.venueSlug, input.token, now);
  if (journey.status === "COMPLETED") return { status: "completed", replayed: true };
  throw new DomainError("journeyNotIdentified");
}

async function resolveZoneId(tx: DbTx, journey: ClaimedJourney): Promise<string | null> {
  if (journey.zoneSlug) {
    const zone = await tx.zone.findUnique({ where: { venueId_slug: { venueId: journey.venueId, slug: journey.zoneSlug } }, select: { id: true } });
    if (zone) return zone.id;
  }
  if (journey.apMac) {
    const accessPoint = await tx.accessPoint.findUnique({ where: { venueId_mac: { venueId: journey.venueId, mac: journey.apMac } }, select: { zoneId: true } });
    if (accessPoint?.zoneId) return accessPoint.zoneId;
  }
  return null;
}
