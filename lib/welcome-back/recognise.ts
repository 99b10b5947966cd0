// Who a device at the splash is, if the venue has seen it before: the decision behind the
// one-tap page. A MAC alone is enough only when the gateway itself vouched for it
// (`clientMacVerified`, openNDS level 2+); a MAC the browser merely claims must come with the
// device-bound cookie Portico set at that guest's last visit from that MAC (device-binding.ts).
// Seen before = a visit from that MAC at this venue within the venue's retention window
// (its guest months, else six months), of a guest who is not erased.
import type { DbTx } from "@/lib/db/client";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import type { DerivedKeys } from "@/lib/crypto";

import { verifyDeviceBinding } from "./device-binding";
import type { WelcomeBackSetting } from "./settings";

export const defaultRecognitionDays = 183;

/** Visits of these ways of signing in may be continued with one tap; others (a code's limits) may not. */
const continuableMethods: readonly LoginMethod[] = ["EMAIL", "LOYALTY", "SAML"];

export interface DeviceAtSplash {
  venueId: string;
  /** Normalised, as the gateway adapter read it. */
  mac: string | null;
  macVerified: boolean;
  /** The device binding cookie's value, if the browser sent one. */
  cookie: string | null;
}

export interface Recognition {
  guestId: string;
  email: string;
  /** The way of signing in the guest's last visit here used; the one-tap visit keeps it. */
  loginMethod: LoginMethod;
  lastVisitAt: Date;
  mac: string;
  recognisedBy: "gateway-mac" | "device-cookie";
}

/** How far back a visit makes a device "seen before" at a venue. */
export async function recognitionSince(db: DbTx, venueId: string, now: Date): Promise<Date> {
  const policy = await db.retentionPolicy.findUnique({ where: { venueId }, select: { guestMonths: true } });
  const since = new Date(now);
  if (policy?.guestMonths) since.setUTCMonth(since.getUTCMonth() - policy.guestMonths);
  else since.setTime(now.getTime() - defaultRecognitionDays * 86_400_000);
  return since;
}

/** The returning guest behind a device, or null: the normal journey. */
export async function recogniseDevice(db: DbTx, setting: WelcomeBackSetting, device: DeviceAtSplash, keys: DerivedKeys, now = new Date()): Promise<Recognition | null> {
  if (setting.mode === "OFF" || !device.mac) return null;
  const boundGuest = device.cookie ? verifyDeviceBinding(keys, device.venueId, device.mac, device.cookie, now) : null;
  if (!device.macVerified && !boundGuest) return null;
  const since = await recognitionSince(db, device.venueId, now);
  // With a cookie, that guest's own visits from that MAC; with a gateway's MAC, whoever used it last.
  const [row] = await db.$queryRaw<{ guestId: string; email: string; loginMethod: LoginMethod; lastVisitAt: Date }[]>`
    SELECT g.id AS "guestId", g.email, vi.login_method::text AS "loginMethod", vi.connected_at AS "lastVisitAt"
    FROM visit vi JOIN device d ON d.id = vi.device_id JOIN guest g ON g.id = vi.guest_id
    WHERE vi.venue_id = ${device.venueId}::uuid AND d.mac_address = ${device.mac} AND vi.connected_at > ${since}
      AND g.erased_at IS NULL AND g.email_normalized IS NOT NULL AND g.email IS NOT NULL
      AND vi.login_method::text = ANY (${continuableMethods}::text[])
      AND (${boundGuest}::uuid IS NULL OR g.id = ${boundGuest}::uuid)
    ORDER BY vi.connected_at DESC LIMIT 1`;
  if (!row) return null;
  return { ...row, mac: device.mac, recognisedBy: boundGuest ? "device-cookie" : "gateway-mac" };
}
