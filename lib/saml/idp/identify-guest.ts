// Which guest a request is for. Two proofs are accepted, both tied to a completed journey at
// this venue: the journey token (the capability the success page's address and forms carry,
// as every guest page does: captive mini-browsers may drop cookies), or the signed guest
// session cookie that the success page and the "Continue" post set (guest-session.ts), which
// is what lets a website start the sign-in itself in the same browser. Nothing else is taken
// as an identity; a request with neither is told to complete the WiFi sign-in first.
import "server-only";

import { deriveKeys, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { loadJourney } from "@/lib/journeys";

import { signGuestSession, verifyGuestSession } from "./guest-session";

export interface IdentifiedGuest {
  journeyId: string;
  guestId: string;
  venueId: string;
  completedAt: Date;
}

const sessionKeys = (keys: SecretKeys) => deriveKeys(keys, "saml-idp guest session");

/** The guest behind a journey token, if its journey completed at this venue. */
export async function identifyByJourneyToken(db: Db, venueSlug: string, token: unknown): Promise<IdentifiedGuest | null> {
  try {
    const journey = await loadJourney(db, venueSlug, token);
    if (journey.status !== "COMPLETED" || !journey.guestId || !journey.completedAt) return null;
    return { journeyId: journey.id, guestId: journey.guestId, venueId: journey.venueId, completedAt: journey.completedAt };
  } catch (error) {
    if (isDomainError(error, "journeyNotFound") || isDomainError(error, "journeyExpired")) return null;
    throw error;
  }
}

/** The guest a session cookie names, if it is authentic, fresh, for this venue, and its journey completed. */
export async function identifyBySession(db: Db, venueId: string, cookieValue: string | null, keys: SecretKeys = secretKeysFromEnv(), now = new Date()): Promise<IdentifiedGuest | null> {
  const journeyId = verifyGuestSession(sessionKeys(keys), venueId, cookieValue, now);
  if (!journeyId) return null;
  const journey = await db.journey.findUnique({ where: { id: journeyId }, select: { id: true, venueId: true, status: true, guestId: true, completedAt: true } });
  if (!journey || journey.venueId !== venueId || journey.status !== "COMPLETED" || !journey.guestId || !journey.completedAt) return null;
  return { journeyId: journey.id, guestId: journey.guestId, venueId, completedAt: journey.completedAt };
}

/** The session cookie's value for a guest just identified by their journey token. */
export function guestSessionValue(guest: Pick<IdentifiedGuest, "venueId" | "journeyId">, keys: SecretKeys = secretKeysFromEnv(), now = new Date()): string {
  return signGuestSession(sessionKeys(keys), guest.venueId, guest.journeyId, now);
}
