// The record of processing activities (GDPR article 30) for each venue, drawn from what Portico
// is configured to do rather than written by hand: the purposes guests are asked about and the
// wording live for each, who receives the data for each purpose (connectors, with the fields
// the consent gate lets them see, and the websites guests continue to signed in with the
// attributes released to each; sponsors with their data-processing agreements), the
// gateways that handle devices' addresses, and how long each kind of data is kept.
import "server-only";

import { assertPermission, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { connectorRegistry } from "@/lib/delivery/connectors/registry";
import { fieldsByPurposeKind } from "@/lib/delivery/consent-gate";
import { gatewayRegistry } from "@/lib/network/registry";
import { sponsorVisibility } from "@/lib/venues/sponsor-visibility";

export interface ProcessingPurpose {
  key: string;
  kind: "TERMS" | "MARKETING" | "SPONSOR";
  /** Why Portico may process for it. */
  lawfulBasis: string;
  sponsor: { name: string; dpaReference: string | null; dpaSignedAt: Date | null; dpaExpiresAt: Date | null; offered: boolean; reasons: string[] } | null;
  /** The published wording per locale (what guests answer to). */
  wording: { locale: string; version: number; sha256: string; publishedAt: Date | null }[];
  recipients: { name: string; vendor: string; status: string; fields: readonly string[] }[];
}

export interface VenueProcessingRecord {
  venue: { id: string; slug: string; name: string };
  purposes: ProcessingPurpose[];
  gateways: { name: string; vendor: string }[];
  /** The venue's retention policy (lib/rights/retention), in words; null when none is set. */
  retention: { guests: string; events: string; sessions: string; updatedAt: Date; updatedBy: string } | null;
}

/** How a venue website registered for single sign-on (Portico as its SAML identity provider) is named. */
export const samlWebsiteVendor = "Website signed in by SAML (Portico as identity provider)";

const keptFor = (months: number | null, what: string) => (months === null ? "Kept (no period set)" : `${what} after ${months} month${months === 1 ? "" : "s"}`);

const lawfulBasis: Record<ProcessingPurpose["kind"], string> = {
  TERMS: "Contract (art. 6(1)(b)): providing the guest WiFi the guest asked for; never a consent to anything else.",
  MARKETING: "Consent (art. 6(1)(a)): the venue's own marketing; an unticked box, never a condition of access, withdrawable.",
  SPONSOR: "Consent (art. 6(1)(a)), per named sponsor: an unticked box each, shown only while a data-processing agreement is on file.",
};

export async function recordOfProcessing(db: Db, actor: Actor): Promise<VenueProcessingRecord[]> {
  assertPermission(actor, "processing.view");
  const venues = await db.venue.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      consentPurposes: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        select: {
          key: true,
          kind: true,
          sponsor: { select: { name: true, dpaReference: true, dpaSignedAt: true, dpaExpiresAt: true, active: true } },
          texts: { where: { status: "PUBLISHED" }, orderBy: { locale: "asc" }, select: { locale: true, version: true, sha256: true, publishedAt: true } },
          connectors: { orderBy: { name: "asc" }, select: { name: true, kind: true, status: true } },
          samlServiceProviders: { orderBy: { name: "asc" }, select: { name: true, attributes: true } },
        },
      },
      gateways: { orderBy: { name: "asc" }, select: { name: true, kind: true } },
      retentionPolicy: { select: { guestMonths: true, eventMonths: true, sessionMonths: true, updatedAt: true, updatedBy: { select: { email: true } } } },
    },
  });
  const now = new Date();
  return venues.map((venue) => ({
    venue: { id: venue.id, slug: venue.slug, name: venue.name },
    purposes: venue.consentPurposes.map((purpose) => ({
      key: purpose.key,
      kind: purpose.kind,
      lawfulBasis: lawfulBasis[purpose.kind],
      sponsor: purpose.sponsor
        ? {
            name: purpose.sponsor.name,
            dpaReference: purpose.sponsor.dpaReference,
            dpaSignedAt: purpose.sponsor.dpaSignedAt,
            dpaExpiresAt: purpose.sponsor.dpaExpiresAt,
            offered: sponsorVisibility(purpose.sponsor, now).shown,
            reasons: sponsorVisibility(purpose.sponsor, now).reasons,
          }
        : null,
      wording: purpose.texts,
      recipients:
        purpose.kind === "TERMS"
          ? []
          : [
              ...purpose.connectors.map((c) => ({
                name: c.name,
                vendor: connectorRegistry[c.kind as keyof typeof connectorRegistry]?.label ?? c.kind,
                status: c.status,
                fields: fieldsByPurposeKind[purpose.kind as "MARKETING" | "SPONSOR"],
              })),
              // Websites guests continue to signed in (lib/saml/idp): released only while this purpose's latest answer is yes.
              ...purpose.samlServiceProviders.map((website) => ({ name: website.name, vendor: samlWebsiteVendor, status: "ACTIVE", fields: ["email", ...website.attributes] })),
            ],
    })),
    gateways: venue.gateways.map((g) => ({ name: g.name, vendor: gatewayRegistry[g.kind as keyof typeof gatewayRegistry]?.label ?? g.kind })),
    retention: venue.retentionPolicy
      ? {
          guests: keptFor(venue.retentionPolicy.guestMonths, "Guests not seen at this venue (nor at any venue that keeps them) are anonymised"),
          events: keptFor(venue.retentionPolicy.eventMonths, "Raw events are deleted"),
          sessions: keptFor(venue.retentionPolicy.sessionMonths, "Journeys' and ended network sessions' device addresses, browsers and gateway details are cleared"),
          updatedAt: venue.retentionPolicy.updatedAt,
          updatedBy: venue.retentionPolicy.updatedBy.email,
        }
      : null,
  }));
}

/** How long each kind of data is kept, as this installation is configured. */
export function retentionFacts(config: { journeyTtlMinutes: number; exportLinkMinutes: number }): { data: string; kept: string }[] {
  return [
    { data: "Answers of a sign-in never completed (email, form answers, device address, user agent, gateway parameters)", kept: `${config.journeyTtlMinutes} minutes, then cleared within 5 minutes by the job queue` },
    { data: "Guest profile, devices, visits (after consent)", kept: "Until the guest is erased, or anonymised by the venues' retention policies (per venue, below)" },
    { data: "Consent records (decision, exact wording, time, IP address, user agent)", kept: "As long as the decision must be proven; on erasure only the anonymised decision remains" },
    { data: "Event log", kept: "Anonymised with the guest; deleted after the venue's event period where one is set (per venue, below)" },
    { data: "Network access sessions (device MAC and IP, bytes, times)", kept: "With the visit; ended at expiry by the job queue" },
    { data: "Export files", kept: `In the configured export storage until removed there; download links expire after ${config.exportLinkMinutes} minutes` },
  ];
}
