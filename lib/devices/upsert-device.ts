import type { DbTx } from "@/lib/db/client";
import type { Device } from "@/lib/generated/prisma/client";

import { describeUserAgent, deviceFingerprint, isRandomisedMac, primaryLanguage, type DeviceDescription } from "./describe-device";

export interface SeenDevice {
  mac: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  seenAt: Date;
}

/** A device as one visit saw it: what identifies it for its guest, and what it says about itself. */
export interface DeviceSighting extends DeviceDescription {
  fingerprint: string;
  macAddress: string | null;
  macRandomized: boolean;
  userAgent: string | null;
  language: string | null;
  seenAt: Date;
}

/** One row per guest and MAC (or user agent when no MAC): the sighting that decides it. */
export function deviceSighting(seen: SeenDevice): DeviceSighting {
  const userAgent = seen.userAgent?.slice(0, 512) ?? null;
  return {
    fingerprint: deviceFingerprint(seen.mac, userAgent),
    userAgent,
    ...describeUserAgent(userAgent),
    language: primaryLanguage(seen.acceptLanguage),
    macAddress: seen.mac,
    macRandomized: seen.mac ? isRandomisedMac(seen.mac) : false,
    seenAt: seen.seenAt,
  };
}

/** The guest's device as this visit saw it, created or brought up to date. */
export async function upsertDevice(tx: DbTx, guestId: string, seen: SeenDevice): Promise<Device> {
  const { fingerprint, seenAt, ...details } = deviceSighting(seen);
  return tx.device.upsert({
    where: { guestId_fingerprint: { guestId, fingerprint } },
    create: { guestId, fingerprint, firstSeenAt: seenAt, lastSeenAt: seenAt, ...details },
    update: { ...details, lastSeenAt: seenAt },
  });
}
