import type { DbTx } from "@/lib/db/client";
import type { AccessPoint, Sponsor, Venue, Zone } from "@/lib/generated/prisma/client";
import { normaliseMac } from "@/lib/devices/describe-device";
import { DomainError } from "@/lib/errors";

// Lookups for an edit: the row must exist and belong to the venue the form was for, so a
// forged id from another venue changes nothing.

export async function venueForChange(tx: DbTx, venueId: string): Promise<Venue> {
  const venue = await tx.venue.findUnique({ where: { id: venueId } });
  if (!venue) throw new DomainError("venueGone");
  return venue;
}

export async function zoneForChange(tx: DbTx, venueId: string, zoneId: string): Promise<Zone> {
  const zone = await tx.zone.findFirst({ where: { id: zoneId, venueId } });
  if (!zone) throw new DomainError("zoneGone");
  return zone;
}

export async function accessPointForChange(tx: DbTx, venueId: string, accessPointId: string): Promise<AccessPoint> {
  const accessPoint = await tx.accessPoint.findFirst({ where: { id: accessPointId, venueId } });
  if (!accessPoint) throw new DomainError("accessPointGone");
  return accessPoint;
}

export async function sponsorForChange(tx: DbTx, venueId: string, sponsorId: string): Promise<Sponsor> {
  const sponsor = await tx.sponsor.findFirst({ where: { id: sponsorId, venueId } });
  if (!sponsor) throw new DomainError("sponsorGone");
  return sponsor;
}

/** An access point's zone must be one of the same venue's zones. */
export async function assertZoneOfVenue(tx: DbTx, venueId: string, zoneId: string | null): Promise<void> {
  if (zoneId && !(await tx.zone.findFirst({ where: { id: zoneId, venueId } }))) {
    throw new DomainError("invalidFields", { fieldErrors: { zoneId: ["zoneNotOfVenue"] } });
  }
}

/** The MAC as stored (lower-case, colon-separated), by the same rules as gateway parameters. */
export function accessPointMac(typed: string): string {
  const mac = normaliseMac(typed);
  if (!mac) throw new DomainError("invalidFields", { fieldErrors: { mac: ["macInvalid"] } });
  return mac;
}
