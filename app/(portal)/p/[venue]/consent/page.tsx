import { redirect } from "next/navigation";

import { ConsentForm, type ConsentItem } from "@/components/portal/consent-form";
import { getPublishedConsentWording, type ShownConsent } from "@/lib/consent";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";

import { consentAction } from "../actions";
import { portalPath } from "../paths";
import { errorMessages, JourneyProblem, loadPortalFrame, lookupJourney, negotiatedLocale, type PortalTranslator } from "../portal-frame";

interface ConsentProps {
  params: Promise<{ venue: string }>;
  searchParams: Promise<{ j?: string; notice?: string }>;
}

export default async function ConsentPage({ params, searchParams }: ConsentProps) {
  const { venue: venueSlug } = await params;
  const { j: token, notice } = await searchParams;
  const lookup = await lookupJourney(venueSlug, token);
  const frame = await loadPortalFrame(venueSlug, (venue) => lookup.journey?.locale ?? negotiatedLocale(venue));
  if (lookup.problem) return <JourneyProblem frame={frame} problem={lookup.problem} restart={lookup.restart} />;

  const { journey } = lookup;
  if (journey.status === "COMPLETED") redirect(portalPath(venueSlug, "success", journey.token));
  if (journey.status === "STARTED") redirect(portalPath(venueSlug, "login", journey.token));

  let wording: ShownConsent[];
  try {
    wording = await getPublishedConsentWording(db, journey.venue, journey.locale);
  } catch (error) {
    if (isDomainError(error, "consentNotConfigured")) return <JourneyProblem frame={frame} problem={error.code} restart="" />;
    throw error;
  }

  const { t } = frame;
  const item = (shown: ShownConsent): ConsentItem => ({
    purposeId: shown.purposeId,
    consentTextId: shown.consentTextId,
    title: consentTitle(t, shown, frame.venue.name),
    body: shown.body,
    versionLabel: t("consent.wordingVersion", { version: `${shown.locale}-v${shown.version}` }),
  });
  const terms = wording.find((w) => w.kind === "TERMS")!;

  return frame.render(
    <>
      <h2>{t("consent.title")}</h2>
      {notice === "wordingChanged" ? (
        <p className="alert" role="alert">
          {t("errors.consentWordingChanged")}
        </p>
      ) : null}
      <ConsentForm
        venueSlug={venueSlug}
        token={journey.token}
        terms={item(terms)}
        optional={wording.filter((w) => w.kind !== "TERMS").map(item)}
        action={consentAction}
        text={{
          required: t("consent.required"),
          termsLabel: t("consent.termsLabel"),
          optionalHeading: t("consent.optionalHeading"),
          optionalIntro: t("consent.optionalIntro"),
          submit: t("consent.submit"),
          errors: errorMessages(t),
        }}
      />
    </>,
  );
}

function consentTitle(t: PortalTranslator, shown: ShownConsent, venueName: string): string {
  if (shown.kind === "TERMS") return t("consent.termsTitle");
  if (shown.kind === "MARKETING") return t("consent.marketingLabel", { venue: venueName });
  return t("consent.sponsorLabel", { sponsor: shown.sponsorName ?? "" });
}
