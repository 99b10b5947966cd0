import type { DbTx } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";

import { describeUserAgent, deviceFingerprint, isRandomisedMac, primaryLanguage } from "./describe-device";

export interface SeenDevice {
  guestId: string;
  mac: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  seenAt: Date;
}

/** The guest's device as this visit saw it: one row per guest and MAC (or user agent when no MAC). */
export async function upsertDevice(tx: DbTx, seen: SeenDevice): Promise<Device> {
  const userAgent = seen.userAgent?.slice(0, 512) ?? null;
  const details = {
    userAgent,
    ...describeUserAgent(userAgent),
    language: primaryLanguage(seen.acceptLanguage),
    macAddress: seen.mac,
    macRandomized: seen.mac ? isRandomisedMac(seen.mac) : false,
    lastSeenAt: seen.seenAt,
  };
  const fingerprint = deviceFingerprint(seen.mac, userAgent);
  return tx.device.upsert({
    where: { guestId_fingerprint: { guestId: seen.guestId, fingerprint } },
    create: { guestId: seen.guestId, fingerprint, firstSeenAt: seen.seenAt, ...details },
    update: details,
  });
}
