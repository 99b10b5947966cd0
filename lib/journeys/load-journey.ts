import type { DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Journey, Venue } from "@/lib/generated/prisma/client";

import { journeyTokenSchema } from "./schemas";

export type JourneyWithVenue = Journey & { venue: Venue };

/**
 * The journey behind a token, checked against the venue in the URL. An expired journey is
 * refused unless it already completed (its success page stays reachable).
 */
export async function loadJourney(db: DbTx, venueSlug: string, token: unknown, now = new Date()): Promise<JourneyWithVenue> {
  const parsed = journeyTokenSchema.safeParse(token);
  const journey = parsed.success ? await db.journey.findUnique({ where: { token: parsed.data }, include: { venue: true } }) : null;
  if (!journey || journey.venue.slug !== venueSlug) throw new DomainError("journeyNotFound");
  if (journey.status !== "COMPLETED" && journey.expiresAt <= now) throw new DomainError("journeyExpired");
  return journey;
}
