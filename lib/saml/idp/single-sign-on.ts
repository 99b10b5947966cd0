// Answering a website: SP-initiated (an AuthnRequest through the Redirect binding) or
// IdP-initiated (the guest's "Continue to <website>" on the success page). Either way the
// response goes only to a registered website, only to the ACS URL registered for it, and only
// for a guest whose latest consent covers that website's purpose; it carries the guest's email
// as NameID and only the attributes the admin allowed. Every response is recorded as a
// `saml.assertion_issued` event (the website and the attribute names, never the assertion);
// a refusal for an identified guest as `saml.assertion_refused`; every refusal is logged.
// Refusals for nobody in particular write no rows: an anonymous flood costs nothing.
import "server-only";

import { secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { PurposeKind } from "@/lib/delivery/consent-gate";
import type { Db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";
import { shareableNamespaces } from "@/lib/api-keys/namespaces";
import { logger } from "@/lib/log";

import { AuthnRequestError, readRedirectAuthnRequest, verifyRedirectSignature, type AuthnRequest } from "./authn-request";
import type { IdentifiedGuest } from "./identify-guest";
import type { IdpUrls } from "./idp-urls";
import { mayRelease, releasedAttributes, type ReleasingServiceProvider } from "./release";
import { loadReleasableGuest } from "./release-guest";
import { buildSamlResponse } from "./saml-response";
import { activeSigningKey } from "./signing-keys";

export type SsoRefusal =
  | "malformedRequest"
  | "unknownServiceProvider"
  | "acsMismatch"
  | "destinationMismatch"
  | "signatureRequired"
  | "badSignature"
  | "guestUnknown"
  | "noConsent"
  | "noSigningKey";

export interface RegisteredWebsite extends ReleasingServiceProvider {
  name: string;
  entityId: string;
  acsUrl: string;
  certificatePem: string | null;
}

export type SsoAnswer =
  | { kind: "post"; website: RegisteredWebsite; acsUrl: string; samlResponse: string; relayState: string | null }
  | { kind: "refused"; reason: SsoRefusal; website: RegisteredWebsite | null };

type WebsiteRow = {
  id: string;
  name: string;
  entityId: string;
  acsUrl: string;
  certificatePem: string | null;
  purposeId: string;
  attributes: string[];
  purpose: { key: string; kind: PurposeKind };
};

const websiteSelect = { id: true, name: true, entityId: true, acsUrl: true, certificatePem: true, purposeId: true, attributes: true, purpose: { select: { key: true, kind: true } } } as const;

function website(row: WebsiteRow): RegisteredWebsite {
  return { ...row, purposeKey: row.purpose.key, purposeKind: row.purpose.kind };
}

export async function findWebsite(db: Db, venueId: string, where: { entityId: string } | { id: string }): Promise<RegisteredWebsite | null> {
  const row = await db.samlServiceProvider.findFirst({ where: { venueId, ...where }, select: websiteSelect });
  return row ? website(row) : null;
}

/** Whether a venue has any website registered (every success page asks before anything else: raw). */
export async function venueHasWebsites(db: Db, venueId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ found: boolean }[]>`SELECT EXISTS (SELECT 1 FROM saml_service_provider WHERE venue_id = ${venueId}::uuid) AS found`;
  return row!.found;
}

/** The registered websites this guest may continue to now (their consent covers them), by name. */
export async function websitesForGuest(db: Db, venueId: string, guestId: string): Promise<RegisteredWebsite[]> {
  const rows = await db.samlServiceProvider.findMany({ where: { venueId }, select: websiteSelect, orderBy: { name: "asc" } });
  if (rows.length === 0) return [];
  const guest = await loadReleasableGuest(db, guestId);
  if (!guest) return [];
  return rows.map(website).filter((w) => mayRelease(w, guest));
}

function refuse(venueId: string, reason: SsoRefusal, website: RegisteredWebsite | null, detail: Record<string, unknown> = {}): SsoAnswer {
  logger.warn({ venueId, reason, spEntityId: website?.entityId, ...detail }, "SAML response refused");
  return { kind: "refused", reason, website };
}

/** No journey token and no valid session: Portico cannot tell who the guest is (logged, nothing written). */
export function guestUnknown(venueId: string, website: RegisteredWebsite | null): Extract<SsoAnswer, { kind: "refused" }> {
  return refuse(venueId, "guestUnknown", website) as Extract<SsoAnswer, { kind: "refused" }>;
}

/**
 * Checks a Redirect-binding AuthnRequest against the registrations: the issuer must be a
 * registered website, the ACS URL (when the request names one) exactly the registered one, the
 * Destination this venue's SSO address, and the signature valid when the website registered a
 * certificate. Returns the request and website, or the refusal.
 */
export async function checkAuthnRequest(
  db: Db,
  venueId: string,
  urls: IdpUrls,
  query: string,
  now = new Date(),
): Promise<{ request: AuthnRequest; website: RegisteredWebsite } | Extract<SsoAnswer, { kind: "refused" }>> {
  let request: AuthnRequest;
  try {
    request = readRedirectAuthnRequest(query, now);
  } catch (error) {
    if (!(error instanceof AuthnRequestError)) throw error;
    return refuse(venueId, "malformedRequest", null, { problem: error.problem }) as Extract<SsoAnswer, { kind: "refused" }>;
  }
  const found = await findWebsite(db, venueId, { entityId: request.issuer });
  const refused = (reason: SsoRefusal, site: RegisteredWebsite | null, detail: Record<string, unknown> = {}) =>
    refuse(venueId, reason, site, detail) as Extract<SsoAnswer, { kind: "refused" }>;
  if (!found) return refused("unknownServiceProvider", null, { spEntityId: request.issuer.slice(0, 200) });
  if (request.acsUrl && request.acsUrl !== found.acsUrl) return refused("acsMismatch", found);
  if (request.destination && request.destination !== urls.ssoUrl) return refused("destinationMismatch", found);
  if (found.certificatePem) {
    if (!request.signature) return refused("signatureRequired", found);
    if (!verifyRedirectSignature(request, found.certificatePem)) return refused("badSignature", found);
  }
  return { request, website: found };
}

/**
 * The signed response for a guest and a website, when the guest's consent covers it. Writes
 * the event (issued, or refused for this guest) before answering.
 */
export async function answerWebsite(
  db: Db,
  input: { urls: IdpUrls; website: RegisteredWebsite; guest: IdentifiedGuest; inResponseTo: string | null; relayState: string | null; now?: Date },
  keys: SecretKeys = secretKeysFromEnv(),
): Promise<SsoAnswer> {
  const { website: site, guest: who, urls } = input;
  const initiatedBy = input.inResponseTo ? "sp" : "idp";
  const guest = await loadReleasableGuest(db, who.guestId);
  if (!guest || !mayRelease(site, guest)) {
    await recordEvents(db, [
      { type: "saml.assertion_refused", venueId: who.venueId, guestId: guest ? who.guestId : null, journeyId: who.journeyId, payload: { spEntityId: site.entityId, reason: "noConsent", initiatedBy } },
    ]);
    return refuse(who.venueId, "noConsent", site, { initiatedBy });
  }
  const signingKey = await activeSigningKey(db, who.venueId, keys);
  if (!signingKey) return refuse(who.venueId, "noSigningKey", site);
  const attributes = releasedAttributes(site, guest, await shareableNamespaces(db));
  const xml = buildSamlResponse({
    issuer: urls.entityId,
    audience: site.entityId,
    acsUrl: site.acsUrl,
    inResponseTo: input.inResponseTo,
    nameId: guest.email,
    authnInstant: who.completedAt,
    attributes,
    signingKey,
    now: input.now,
  });
  await recordEvents(db, [
    {
      type: "saml.assertion_issued",
      venueId: who.venueId,
      guestId: who.guestId,
      journeyId: who.journeyId,
      payload: { spEntityId: site.entityId, attributes: attributes.map((a) => a.name), initiatedBy, keyId: signingKey.keyId },
    },
  ]);
  return { kind: "post", website: site, acsUrl: site.acsUrl, samlResponse: Buffer.from(xml, "utf8").toString("base64"), relayState: input.relayState };
}
