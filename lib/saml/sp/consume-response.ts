// The assertion consumer service: the website's answer, posted by the guest's browser. Every
// check passes, or nothing is stored but a saml.login_failed event with its reason code.
import "server-only";

import { randomBytes } from "node:crypto";

import { DOMParser } from "@xmldom/xmldom";

import type { Db } from "@/lib/db/client";
import type { EventType } from "@/lib/events/record-event";
import { openJourney, readGatewayParams } from "@/lib/journeys";
import { logger } from "@/lib/log";
import { checkGatewayRedirect, type GatewayVenue } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";

import { classifyValidationError, type SamlFailureReason } from "./classify-failure";
import { mapAttributes } from "./map-attributes";
import { attributeMapSchema, defaultAttributeMap } from "./schemas";
import { acceptedClockSkewMs, requestLifetimeMs, serviceProvider } from "./service-provider";
import type { SpEndpoints } from "./sp-endpoints";
import { spKeyStore, type SpKeyStore } from "./sp-key-store";

/** Larger than any login response a website sends (a few certificates, a handful of attributes). */
export const maxResponseLength = 256 * 1024;
const relayStatePattern = /^[A-Za-z0-9_-]{16,64}$/;

export interface ConsumeInput {
  venue: GatewayVenue & { id: string; countryCode: string };
  endpoints: SpEndpoints;
  form: { SAMLResponse: string | null; RelayState: string | null };
  ip: string | null;
  userAgent: string | null;
  ttlMinutes: number;
  keyStore?: SpKeyStore;
  now?: Date;
}

export type ConsumeResult =
  | { status: "identified"; token: string; locale: string }
  /** `gatewayQuery` and `locale` of the login attempt, when the relay state named one: the guest goes back to that splash. */
  | { status: "refused"; reason: SamlFailureReason; gatewayQuery: string; locale: string | null };

class Refusal extends Error {
  constructor(
    readonly reason: SamlFailureReason,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

type Assertion = { $?: Record<string, string>; Subject?: { SubjectConfirmation?: { SubjectConfirmationData?: { $?: Record<string, string> }[] }[] }[]; Conditions?: { $?: Record<string, string> }[] };

/** The signed assertion's id, its Recipient(s) and when it stops being valid. */
function readAssertion(parsed: unknown) {
  const assertion = (parsed as { Assertion?: Assertion } | null)?.Assertion;
  const id = assertion?.$?.ID;
  const confirmations = (assertion?.Subject?.[0]?.SubjectConfirmation ?? []).flatMap((c) => c.SubjectConfirmationData ?? []);
  const recipients = confirmations.map((d) => d.$?.Recipient).filter((r): r is string => Boolean(r));
  const ends = [assertion?.Conditions?.[0]?.$?.NotOnOrAfter, ...confirmations.map((d) => d.$?.NotOnOrAfter)].map((v) => (v ? Date.parse(v) : NaN)).filter((v) => !Number.isNaN(v));
  return { id, recipients, notOnOrAfter: ends.length ? Math.max(...ends) : null };
}

/** The response's own Destination (outside any signature when only the assertion is signed, still checked). */
function responseDestination(samlResponse: string): string | null {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(Buffer.from(samlResponse, "base64").toString("utf8"), "text/xml");
  return doc.documentElement?.getAttribute("Destination") || null;
}

export async function consumeSamlResponse(db: Db, input: ConsumeInput): Promise<ConsumeResult> {
  const now = input.now ?? new Date();
  const { venue, endpoints } = input;
  const samlResponse = input.form.SAMLResponse ?? "";
  const relayState = input.form.RelayState ?? "";
  let attempt: { gatewayQuery: string; locale: string | null; idpId: string | null } = { gatewayQuery: "", locale: null, idpId: null };
  try {
    if (!samlResponse || samlResponse.length > maxResponseLength || !relayStatePattern.test(relayState)) throw new Refusal("malformed");
    // The relay state is a random id Portico made: it names the login attempt, and nothing else is taken from it.
    const request = await db.samlRequest.findUnique({ where: { relayState }, include: { idp: true } });
    if (!request || request.venueId !== venue.id) throw new Refusal("unknownRelayState");
    attempt = { gatewayQuery: request.gatewayQuery, locale: request.locale, idpId: request.idpId };
    if (request.expiresAt <= now) throw new Refusal("requestExpired");
    const { idp } = request;
    if (!idp.enabled) throw new Refusal("disabled");

    const keyStore = input.keyStore ?? spKeyStore();
    const privateKeyPem = idp.spPrivateKey ? keyStore.open(idp.spPrivateKey, idp.id) : null;
    const sp = serviceProvider(idp, { endpoints, privateKeyPem, expectedRequest: { id: request.id, createdAt: request.createdAt } });
    let profile;
    try {
      ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (error) {
      throw new Refusal(classifyValidationError(error), error instanceof Error ? error.message.slice(0, 300) : undefined);
    }
    if (!profile) throw new Refusal("invalid");
    if (profile.issuer !== idp.entityId) throw new Refusal("issuer", `issuer ${String(profile.issuer).slice(0, 200)}`);
    const destination = responseDestination(samlResponse);
    if (destination !== null && destination !== endpoints.acsUrl) throw new Refusal("destination", "response Destination");
    const assertion = readAssertion(profile.getAssertion?.());
    if (assertion.recipients.length === 0 || assertion.recipients.some((r) => r !== endpoints.acsUrl)) throw new Refusal("destination", "SubjectConfirmationData Recipient");
    if (!assertion.id) throw new Refusal("invalid", "assertion without ID");
    if (!profile.nameID) throw new Refusal("noNameId");

    const map = attributeMapSchema.safeParse(idp.attributeMap);
    const mapped = mapAttributes({
      issuer: idp.entityId,
      nameId: profile.nameID,
      nameIdFormat: profile.nameIDFormat ?? null,
      attributes: (profile.attributes as Record<string, unknown> | undefined) ?? {},
      map: map.success ? map.data : defaultAttributeMap,
      countryCode: venue.countryCode,
    });
    if (!mapped.ok) throw new Refusal(mapped.reason);

    // The splash's gateway parameters, kept with the request, checked by the gateway's adapter as the email login does.
    const gateway = readGatewayParams(new URLSearchParams(request.gatewayQuery));
    const network = await checkGatewayRedirect(db, venue, gateway.params, { secrets: gatewaySecretStore() });
    if (!network.ok) throw new Refusal("gatewayInvalid", network.reason);

    const seenUntil = new Date(Math.max(assertion.notOnOrAfter ?? 0, now.getTime() + requestLifetimeMs) + acceptedClockSkewMs);
    const token = await db.$transaction(async (tx) => {
      // Each assertion once, whichever process sees it first (the primary key decides).
      const fresh = await tx.$executeRaw`
        INSERT INTO saml_assertion_seen (idp_id, assertion_id, expires_at) VALUES (${idp.id}::uuid, ${assertion.id!.slice(0, 256)}, ${seenUntil})
        ON CONFLICT DO NOTHING`;
      if (fresh === 0) throw new Refusal("replayed");
      const claimed = await tx.samlRequest.updateMany({ where: { id: request.id, consumedAt: null }, data: { consumedAt: now } });
      if (claimed.count === 0) throw new Refusal("requestUsed");
      const redirect = network.redirect;
      const opened = await openJourney(tx, {
        venue,
        method: "SAML",
        form: mapped.login,
        gateway,
        network: { gatewayId: network.gatewayId, clientMac: redirect?.clientMac ?? null, clientIp: redirect?.clientIp ?? null, apMac: redirect?.apMac ?? null, originalUrl: redirect?.originalUrl ?? null },
        locale: request.locale,
        ip: input.ip,
        userAgent: input.userAgent,
        ttlMinutes: input.ttlMinutes,
        now,
      });
      if (opened.status !== "identified") throw new Refusal("noEmail", Object.keys(opened.fieldErrors).join(","));
      const journey = await tx.journey.findUniqueOrThrow({ where: { token: opened.token }, select: { id: true } });
      await tx.event.create({
        data: { type: "saml.login_succeeded" satisfies EventType, occurredAt: now, venueId: venue.id, journeyId: journey.id, payload: { idpId: idp.id, ownedFields: mapped.login.saml.ownedFields } },
      });
      return opened.token;
    });
    logger.info({ venueId: venue.id, idpId: idp.id }, "SAML login accepted");
    return { status: "identified", token, locale: request.locale };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const reference = randomBytes(4).toString("hex");
    logger.warn({ venueId: venue.id, idpId: attempt.idpId, reason: error.reason, detail: error.detail, reference }, "SAML login refused");
    await db.event.create({
      data: { type: "saml.login_failed" satisfies EventType, occurredAt: now, venueId: venue.id, payload: { reason: error.reason, idpId: attempt.idpId, reference } },
    });
    return { status: "refused", reason: error.reason, ...attempt };
  }
}
