import "server-only";

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { PortalShell } from "@/components/portal/portal-shell";
import { SplashBody } from "@/components/portal/splash-body";
import { SuccessBody } from "@/components/portal/success-body";
import { db } from "@/lib/db";
import { isDomainError, type DomainErrorCode } from "@/lib/errors";
import type { Venue } from "@/lib/generated/prisma/client";
import { getRequestContext } from "@/lib/http/request-context";
import { interfaceLocaleFor, negotiateLocale } from "@/lib/i18n/locales";
import { accessMinutesByMethod, loadJourney, restartQuery, type JourneyWithVenue } from "@/lib/journeys";
import { getPublishedPortalCopy, type PortalCopyFields } from "@/lib/portal-copy";
import { findVenueBySlug } from "@/lib/venues";

export type PortalTranslator = Awaited<ReturnType<typeof getTranslations<"portal">>>;

export interface PortalFrame {
  venue: Venue;
  copy: PortalCopyFields;
  locale: string;
  t: PortalTranslator;
  /** Renders a page body inside the venue's branded shell. */
  render(children: ReactNode, headline?: string): ReactNode;
}

/** Venue, live copy and translations for one portal page; an unknown venue is a 404. */
export async function loadPortalFrame(venueSlug: string, locale: (venue: Venue) => string | Promise<string>): Promise<PortalFrame> {
  let venue: Venue;
  try {
    venue = await findVenueBySlug(db, venueSlug);
  } catch (error) {
    if (isDomainError(error, "venueNotFound")) notFound();
    throw error;
  }
  const contentLocale = await locale(venue);
  return portalFrameFor(venue, await getPublishedPortalCopy(db, venue, contentLocale), contentLocale);
}

/**
 * The frame for given copy: guests get the live copy; the staff preview passes a draft or an
 * older version, so it renders exactly what guests would see.
 */
export async function portalFrameFor(venue: Venue, copy: PortalCopyFields, contentLocale: string): Promise<PortalFrame> {
  const t = await getTranslations({ locale: interfaceLocaleFor(contentLocale), namespace: "portal" });
  return {
    venue,
    copy,
    locale: contentLocale,
    t,
    render: (children, headline) => (
      <PortalShell
        lang={contentLocale}
        venueName={venue.name}
        headline={headline ?? copy.headline}
        primaryColor={copy.primaryColor}
        backgroundColor={copy.backgroundColor}
        logoUrl={copy.logoUrl}
        backgroundImageUrl={copy.backgroundImageUrl}
        footer={t("splash.footer", { venue: venue.name })}
      >
        {children}
      </PortalShell>
    ),
  };
}

/** The splash page in a frame; `startJourney` is left out by the staff preview. */
export function renderSplash(frame: PortalFrame, gateway: string, startJourney?: (formData: FormData) => Promise<void>): ReactNode {
  const { copy, t } = frame;
  const hours = (minutes: number) => Math.round(minutes / 60);
  return frame.render(
    <SplashBody
      welcomeText={copy.welcomeText}
      emailButtonLabel={copy.emailButtonLabel ?? t("splash.emailButton")}
      loyaltyButtonLabel={copy.loyaltyButtonLabel ?? t("splash.loyaltyButton")}
      loyaltyPerk={t("splash.loyaltyPerk", { hours: hours(accessMinutesByMethod.LOYALTY), baseHours: hours(accessMinutesByMethod.EMAIL) })}
      venueSlug={frame.venue.slug}
      gateway={gateway}
      action={startJourney}
    />,
  );
}

/** The success page in a frame: the copy's message, else the portal's default for the access earned. */
export function renderSuccess(frame: PortalFrame, minutes: number, continueHref: string | null): ReactNode {
  const { copy, t } = frame;
  return frame.render(
    <SuccessBody
      message={copy.successMessage ?? t("success.access", { minutes })}
      continueHref={continueHref}
      continueLabel={t("success.continue")}
      closeText={t("success.close")}
    />,
    t("success.title"),
  );
}

/** All error messages of the portal in the page's language, for forms to show by code. */
export function errorMessages(t: PortalTranslator): Record<string, string> {
  const codes = [
    "emailRequired", "emailInvalid", "emailTooLong", "nameRequired", "nameTooLong", "phoneRequired", "phoneInvalid",
    "birthdayInvalid", "termsRequired", "journeyInvalid", "journeyNotFound", "journeyExpired", "journeyNotIdentified",
    "consentWordingChanged", "consentSubmissionInvalid", "consentNotConfigured", "venueNotFound", "generic",
  ] as const;
  return Object.fromEntries(codes.map((code) => [code, t(`errors.${code}`)]));
}

export type JourneyLookup =
  | { journey: JourneyWithVenue; problem?: undefined }
  | { journey?: undefined; problem: DomainErrorCode; restart: string };

/** The journey a page is for, or the reason it can't continue (shown with a "start again" link). */
export async function lookupJourney(venueSlug: string, token: string | undefined): Promise<JourneyLookup> {
  try {
    return { journey: await loadJourney(db, venueSlug, token) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { problem: error.code, restart: await restartQuery(db, token) };
  }
}

export function JourneyProblem({ frame, problem, restart }: { frame: PortalFrame; problem: DomainErrorCode; restart: string }) {
  const href = `/p/${encodeURIComponent(frame.venue.slug)}${restart ? `?${restart}` : ""}`;
  return frame.render(
    <>
      <p className="alert" role="alert">
        {frame.t(`errors.${problem}`)}
      </p>
      <a className="button" href={href}>
        {frame.t("problem.startAgain")}
      </a>
    </>,
    frame.t("problem.title"),
  );
}

/** The locale for pages before a journey exists: the browser's choice among the venue's locales. */
export async function negotiatedLocale(venue: Venue): Promise<string> {
  const { acceptLanguage } = await getRequestContext();
  return negotiateLocale(acceptLanguage, venue.locales, venue.defaultLocale);
}
