// Asking for a "Manage my data" link. The answer must not tell whether the address is a guest's:
// this function never looks the address up. It takes the rate limits, writes a link row and
// queues the email job, the same statements for every address; the job decides (a guest: the
// link is sent; anyone else: nothing is sent), where no one is waiting for an answer.
import "server-only";

import type { Db } from "@/lib/db/client";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { takeHourlyRate } from "@/lib/rate-limits";

import { linkMinutes } from "./link-token";
import { queueSelfServiceMail } from "./mail-queue";
import { emailRateKey, ipRateKey, linksPerEmailPerHour, requestsPerIpPerHour } from "./rate-limit";
import type { SelfServiceKeys } from "./keys";

export interface LinkRequest {
  venueId: string;
  email: string;
  locale: string;
  /** The client address, when Portico's front door knows it; without one only the email limit applies. */
  ip: string | null;
}

export type LinkRequestResult = { status: "queued"; linkId: string } | { status: "limited" };

export async function requestSelfServiceLink(db: Db, keys: SelfServiceKeys, input: LinkRequest, now = new Date()): Promise<LinkRequestResult> {
  // Both limits are taken, whichever refuses: a refused request still counts, as vendors count them.
  const byIp = input.ip ? await takeHourlyRate(db, ipRateKey(input.ip), requestsPerIpPerHour) : true;
  const byEmail = await takeHourlyRate(db, emailRateKey(keys.rateKeys, normaliseEmail(input.email)), linksPerEmailPerHour);
  if (!byIp || !byEmail) return { status: "limited" };
  const expiresAt = new Date(now.getTime() + linkMinutes * 60_000);
  const link = await db.$transaction(async (tx) => {
    const row = await tx.selfServiceLink.create({ data: { venueId: input.venueId, locale: input.locale, expiresAt, createdAt: now }, select: { id: true } });
    await queueSelfServiceMail(db, tx, { linkId: row.id, email: input.email.trim() });
    return row;
  });
  return { status: "queued", linkId: link.id };
}
