import { z } from "zod";

import type { Db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";
import type { LoginMethod } from "@/lib/generated/prisma/enums";

import { loadJourney } from "./load-journey";
import { emailLoginSchema, loyaltyLoginSchema } from "./schemas";

export type FieldErrors = Partial<Record<string, string[]>>;

export type LoginResult = { status: "identified" } | { status: "alreadyCompleted" } | { status: "invalid"; fieldErrors: FieldErrors };

export interface RecordLoginInput {
  venueSlug: string;
  token: unknown;
  method: Extract<LoginMethod, "EMAIL" | "LOYALTY">;
  form: Record<string, unknown>;
  now?: Date;
}

/**
 * Validates the login answers and holds them on the journey until the guest decides on
 * consent; nothing about the guest is written to the identity store before that.
 */
export async function recordLogin(db: Db, input: RecordLoginInput): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const journey = await loadJourney(db, input.venueSlug, input.token, now);
  if (journey.status === "COMPLETED") return { status: "alreadyCompleted" };

  const schema = input.method === "LOYALTY" ? loyaltyLoginSchema(journey.venue.countryCode) : emailLoginSchema;
  const parsed = schema.safeParse(input.form);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };

  const identified = await db.$transaction(async (tx) => {
    // Re-identifying (the guest went back and changed their email) is fine until consent is given.
    const { count } = await tx.journey.updateMany({
      where: { id: journey.id, status: { not: "COMPLETED" } },
      data: { status: "IDENTIFIED", loginMethod: input.method, identity: parsed.data, identifiedAt: now },
    });
    if (count === 0) return false;
    await recordEvents(tx, [
      { type: "journey.identified", venueId: journey.venueId, journeyId: journey.id, occurredAt: now, payload: { method: input.method } },
    ]);
    return true;
  });
  return identified ? { status: "identified" } : { status: "alreadyCompleted" };
}
