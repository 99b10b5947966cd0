import "server-only";

import { loadPortalFrame, pageLocale, type PortalFrame } from "@/app/(portal)/_portal/frame";
import { portalPage } from "@/app/(portal)/_portal/pages";
import { portalPath } from "@/app/(portal)/_portal/paths";
import { venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { guestPagePolicy, htmlResponse } from "@/app/(portal)/_portal/respond";
import { ProblemBody } from "@/components/portal/problem-body";
import { WebsiteSignInBody } from "@/components/portal/website-sign-in-body";
import type { SsoAnswer, SsoRefusal } from "@/lib/saml/idp";

/** The page that posts the response to the website's ACS URL: the one other origin its form may go to. */
export function postToWebsiteResponse(frame: PortalFrame, answer: Extract<SsoAnswer, { kind: "post" }>, headers: Record<string, string> = {}): Response {
  const { t } = frame;
  const website = answer.website.name;
  const fields: Record<string, string> = { SAMLResponse: answer.samlResponse, ...(answer.relayState ? { RelayState: answer.relayState } : {}) };
  return htmlResponse(
    portalPage(frame, <WebsiteSignInBody action={answer.acsUrl} fields={fields} message={t("websiteSignIn.sending", { website })} label={t("websiteSignIn.continueTo", { website })} />, {
      headline: t("websiteSignIn.title"),
      withScript: true,
    }),
    200,
    { "content-security-policy": guestPagePolicy([new URL(answer.acsUrl).origin]), ...headers },
  );
}

const refusalStatus: Record<SsoRefusal, number> = {
  malformedRequest: 400,
  unknownServiceProvider: 403,
  acsMismatch: 403,
  destinationMismatch: 403,
  signatureRequired: 403,
  badSignature: 403,
  guestUnknown: 403,
  noConsent: 403,
  noSigningKey: 503,
};

/** Why no response went to the website, in the guest's language; "sign in first" leads to the WiFi sign-in. */
export function refusalResponse(frame: PortalFrame, answer: Extract<SsoAnswer, { kind: "refused" }>): Response {
  const { t, venue } = frame;
  const website = answer.website?.name ?? "";
  if (answer.reason === "guestUnknown") {
    return htmlResponse(
      portalPage(frame, <ProblemBody message={t("websiteSignIn.signInFirstBody")} restartHref={portalPath(venue.slug, "")} restartLabel={t("websiteSignIn.signInFirstButton")} />, {
        headline: t("websiteSignIn.signInFirstTitle"),
      }),
      refusalStatus.guestUnknown,
    );
  }
  const message =
    answer.reason === "noConsent"
      ? t("websiteSignIn.noConsent", { website })
      : answer.reason === "noSigningKey"
        ? t("websiteSignIn.unavailable")
        : answer.reason === "unknownServiceProvider"
          ? t("websiteSignIn.unknownWebsite", { venue: venue.name })
          : t("websiteSignIn.badRequest");
  return htmlResponse(portalPage(frame, <ProblemBody message={message} restartLabel="" />, { headline: t("websiteSignIn.refusedTitle") }), refusalStatus[answer.reason]);
}

/** The venue's frame in the browser's language, or the 404 page for an unknown venue. */
export async function websiteFrame(request: Request, venueSlug: string): Promise<PortalFrame | Response> {
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  return frame ?? venueNotFoundResponse(request);
}
