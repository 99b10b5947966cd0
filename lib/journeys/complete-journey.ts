import { z } from "zod";

import { decideConsent, type ConsentDecision } from "@/lib/consent/decide-consent";
import type { ShownConsent } from "@/lib/consent/published-wording";
import type { Db } from "@/lib/db/client";
import { deviceSighting } from "@/lib/devices/upsert-device";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { DomainError } from "@/lib/errors";
import type { LoginMethod } from "@/lib/generated/prisma/enums";
import { countConsents, countJourneyStep } from "@/lib/ops/metrics";
import { allowedRecipients } from "@/lib/delivery/consent-gate";
import { liveRecipients } from "@/lib/delivery/recipients";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { liveConsentWording } from "@/lib/portal-content";

import { loadJourney, type JourneyWithVenue } from "./load-journey";
import type { FieldErrors } from "./open-journey";
import { recordCompletion, type Completion } from "./record-completion";
import { samlLoginSchema } from "./saml-login-schema";
import { consentSubmissionSchema } from "./schemas";

/** What the success page shows of a completed journey. */
export interface CompletedJourney {
  token: string;
  locale: string;
  loginMethod: LoginMethod;
  originalUrl: string | null;
}

export type CompleteResult =
  | { status: "completed"; replayed: boolean; journey: CompletedJourney; venue: JourneyWithVenue["venue"] }
  | { status: "invalid"; fieldErrors: FieldErrors };

export interface CompleteJourneyInput {
  venueSlug: string;
  token: unknown;
  submission: Record<string, unknown>;
  /** The locale the consent page was read in, when the guest switched language on it. */
  locale?: string | null;
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  now?: Date;
}

function completedJourney(journey: JourneyWithVenue, replayed: boolean, locale = journey.locale): CompleteResult {
  return {
    status: "completed",
    replayed,
    journey: { token: journey.token, locale, loginMethod: journey.loginMethod!, originalUrl: journey.originalUrl },
    venue: journey.venue,
  };
}

/** The normalised email a journey from before login answers carried it; null for a voucher journey, which names no one. */
function emailOf(identity: unknown): string | null {
  const email = (identity as { email?: unknown } | null)?.email;
  return typeof email === "string" ? normaliseEmail(email) : null;
}

/** The website account a SAML login left on the journey (validated when the journey was opened). */
function samlAccountOf(identity: unknown): Completion["saml"] {
  const parsed = samlLoginSchema.shape.saml.safeParse((identity as { saml?: unknown } | null)?.saml);
  return parsed.success ? (parsed.data as Completion["saml"]) : null;
}

/** The consent-recorded event's decisions, with the wording each answered. */
export function decisionEvidence(decisions: readonly ConsentDecision[], shown: readonly ShownConsent[]): Record<string, unknown>[] {
  const byTextId = new Map(shown.map((s) => [s.consentTextId, s]));
  return decisions.map((d) => {
    const text = byTextId.get(d.consentTextId)!;
    return { purpose: text.key, granted: d.granted, locale: text.locale, version: text.version, sha256: text.sha256 };
  });
}

/** What a visit notes in the portal's namespace of the guest's visitor data. */
export function portalVisitData(venueSlug: string, loginMethod: LoginMethod): Completion["portalData"] {
  return { lastVenue: venueSlug, lastLoginMethod: loginMethod, ...(loginMethod === "LOYALTY" ? { loyaltyMember: true } : {}) };
}

/**
 * The consent submit. The decisions are checked against the wording live at the venue's
 * content version (lib/portal-content), then one statement claims the journey while that
 * version still stands and writes everything it leaves behind (record-completion.ts). A
 * replayed or double-clicked submit finds the journey done and writes nothing; wording
 * published in between is caught: the decisions are taken again against it, and refused when
 * the guest answered words that are no longer live.
 */
export async function completeJourney(db: Db, input: CompleteJourneyInput): Promise<CompleteResult> {
  const now = input.now ?? new Date();
  const parsed = consentSubmissionSchema.safeParse(input.submission);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };

  let journey = await loadJourney(db, input.venueSlug, input.token, now);
  // A publish between reading the version and claiming sends the decisions round once more.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (journey.status === "COMPLETED") return completedJourney(journey, true);
    if (journey.status !== "IDENTIFIED" || !journey.loginMethod || !journey.identity) throw new DomainError("journeyNotIdentified");
    const { venue } = journey;
    const locale = input.locale && venue.locales.includes(input.locale) ? input.locale : journey.locale;
    const shownNow = await liveConsentWording(db, venue, locale);
    // Refuses wording that is no longer live and purposes that were never offered.
    const decisions = decideConsent(shownNow, parsed.data);
    const byTextId = new Map(shownNow.map((s) => [s.consentTextId, s]));
    // The consent gate, on the decisions being recorded: they are the guest's latest.
    const recipients = allowedRecipients(await liveRecipients(db, venue), { erased: false, latest: new Map(decisions.map((d) => [d.purposeId, d.granted])) });

    const done = await recordCompletion(db, {
      journeyId: journey.id,
      contentVersion: venue.contentVersion,
      locale,
      fallbackEmailNormalized: emailOf(journey.identity),
      device: deviceSighting({ mac: journey.clientMac, userAgent: input.userAgent ?? journey.userAgent, acceptLanguage: input.acceptLanguage, seenAt: now }),
      decisions,
      decisionEvidence: decisionEvidence(decisions, shownNow),
      portalData: portalVisitData(venue.slug, journey.loginMethod),
      saml: samlAccountOf(journey.identity),
      // A voucher guest has no email: nothing a connector could be sent (lib/vouchers).
      recipients: journey.loginMethod === "VOUCHER" ? [] : recipients,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      at: now,
    });
    if (done) {
      // After the commit, and not awaited: the guest's page does not wait for the queue.
      if (journey.loginMethod !== "VOUCHER") wakeDeliverySoon(db, recipients.map((r) => r.connectorId));
      countJourneyStep("consent");
      countConsents(decisions.map((d) => ({ kind: byTextId.get(d.consentTextId)!.kind, granted: d.granted })));
      return completedJourney(journey, false, locale);
    }

    // Nothing claimed: done by a concurrent submit, expired, or new wording went live in between.
    const before = journey.venue.contentVersion;
    journey = await loadJourney(db, input.venueSlug, input.token, now);
    if (journey.status === "IDENTIFIED" && journey.venue.contentVersion === before) throw new DomainError("journeyNotIdentified");
  }
  throw new DomainError("consentWordingChanged");
}
