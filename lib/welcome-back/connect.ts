// The one tap: a recognised guest's visit, recorded exactly as a completed journey records it
// (a journey opened and completed by lib/journeys' own writers: visit_count + 1, the device,
// the visit, events, the outbox). Earlier choices stand where the wording the guest answered
// is still the published one, so no consent record is written for those; the purposes whose
// wording changed since (or that are new) are asked again from unticked boxes and recorded.
// The visit keeps the way of signing in of the guest's last visit here (its access tier), and
// its visit.started event says it was a welcome back and how the device was recognised.
import "server-only";

import { decideConsent } from "@/lib/consent/decide-consent";
import type { Db } from "@/lib/db/client";
import { allowedRecipients } from "@/lib/delivery/consent-gate";
import { liveRecipients } from "@/lib/delivery/recipients";
import { wakeDeliverySoon } from "@/lib/delivery/wake";
import { deviceSighting } from "@/lib/devices/upsert-device";
import { normaliseEmail } from "@/lib/email/normalise-email";
import { DomainError } from "@/lib/errors";
import type { Venue } from "@/lib/generated/prisma/client";
import { decisionEvidence, portalVisitData } from "@/lib/journeys/complete-journey";
import type { GatewayContext } from "@/lib/journeys/gateway-params";
import { loadJourney } from "@/lib/journeys/load-journey";
import { openJourney, type OpenJourneyInput } from "@/lib/journeys/open-journey";
import { recordCompletion } from "@/lib/journeys/record-completion";
import { countConsents, countJourneyStep } from "@/lib/ops/metrics";
import { liveConsentWording } from "@/lib/portal-content";

import { latestDecisions, purposesToAskAgain } from "./consent-to-ask";
import type { Recognition } from "./recognise";

export interface WelcomeBackSubmission {
  termsAccepted: boolean;
  granted: readonly string[];
  shown: readonly string[];
}

export interface ConnectInput {
  venue: Venue;
  recognition: Recognition;
  gateway: GatewayContext;
  network: NonNullable<OpenJourneyInput["network"]>;
  submission: WelcomeBackSubmission;
  locale: string;
  ip: string | null;
  userAgent: string | null;
  acceptLanguage: string | null;
  ttlMinutes: number;
  /** "one-tap" from the page; "zero-tap" when the gateway asked by itself. */
  via: "one-tap" | "zero-tap";
  now?: Date;
}

export type ConnectResult = { status: "connected"; token: string; visitCount: number } | { status: "termsRequired" };

/** The boxes the one-tap page shows this guest now: only wording changed since their last decision. */
export async function consentToAskAgain(db: Db, venue: Venue, guestId: string, locale: string) {
  const [shown, latest] = await Promise.all([liveConsentWording(db, venue, locale), latestDecisions(db, guestId)]);
  return { toAsk: purposesToAskAgain(shown, latest), latest };
}

export async function connectReturningGuest(db: Db, input: ConnectInput): Promise<ConnectResult> {
  const now = input.now ?? new Date();
  const { venue, recognition } = input;
  const { toAsk, latest } = await consentToAskAgain(db, venue, recognition.guestId, input.locale);
  if (toAsk.some((s) => s.kind === "TERMS") && !input.submission.termsAccepted) return { status: "termsRequired" };
  // Refuses boxes that are not the ones to ask now (a stale page, a forged form).
  const decisions = decideConsent(toAsk, { termsAccepted: true, granted: input.submission.granted, shown: input.submission.shown });

  const opened = await openJourney(db, {
    venue,
    method: recognition.loginMethod,
    returningGuest: true,
    form: { email: recognition.email },
    gateway: input.gateway,
    network: input.network,
    locale: input.locale,
    ip: input.ip,
    userAgent: input.userAgent,
    ttlMinutes: input.ttlMinutes,
    now,
  });
  if (opened.status !== "identified") throw new Error("A stored guest email did not pass the login schema");
  const journey = await loadJourney(db, venue.slug, opened.token, now);

  const ledger = new Map([...latest].map(([purposeId, d]) => [purposeId, d.granted]));
  for (const d of decisions) ledger.set(d.purposeId, d.granted);
  const recipients = allowedRecipients(await liveRecipients(db, venue), { erased: false, latest: ledger });
  const done = await recordCompletion(db, {
    journeyId: journey.id,
    contentVersion: venue.contentVersion,
    locale: input.locale,
    fallbackEmailNormalized: normaliseEmail(recognition.email),
    device: deviceSighting({ mac: journey.clientMac, userAgent: input.userAgent, acceptLanguage: input.acceptLanguage, seenAt: now }),
    decisions,
    decisionEvidence: decisionEvidence(decisions, toAsk),
    portalData: portalVisitData(venue.slug, recognition.loginMethod),
    recipients,
    visitNote: { welcomeBack: input.via, recognisedBy: recognition.recognisedBy, askedAgain: decisions.length },
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    at: now,
  });
  // Wording published between reading it and claiming the journey: the page asks again.
  if (!done) throw new DomainError("consentWordingChanged");
  wakeDeliverySoon(db, recipients.map((r) => r.connectorId));
  countJourneyStep("consent");
  const kinds = new Map(toAsk.map((s) => [s.purposeId, s.kind]));
  countConsents(decisions.map((d) => ({ kind: kinds.get(d.purposeId)!, granted: d.granted })));
  return { status: "connected", token: opened.token, visitCount: done.visitCount };
}
