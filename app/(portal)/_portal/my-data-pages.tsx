import "server-only";

import type { ReactElement, ReactNode } from "react";

import { MyDataChoices, type VenueChoicesView } from "@/components/portal/my-data-choices";
import { MyDataEraseForm } from "@/components/portal/my-data-erase-form";
import { MyDataRequestForm } from "@/components/portal/my-data-request-form";
import { ProblemBody } from "@/components/portal/problem-body";
import type { PortalTranslator } from "@/lib/i18n/portal-translator";
import type { VenueChoices } from "@/lib/rights/self-service";

import type { PortalFrame } from "./frame";
import { myDataPath } from "./my-data-session";
import { errorMessages, portalPage } from "./pages";
import { htmlResponse } from "./respond";

function myDataPage(frame: PortalFrame, body: ReactNode, options: { headline?: string; withScript?: boolean } = {}): ReactElement {
  return portalPage(frame, body, { headline: options.headline ?? frame.t("myData.title"), withScript: options.withScript });
}

export function myDataResponse(frame: PortalFrame, body: ReactNode, status = 200, options: { headline?: string; withScript?: boolean; headers?: Record<string, string> } = {}): Response {
  return htmlResponse(myDataPage(frame, body, options), status, options.headers);
}

/** The email form, or the notice that this Portico sends no email. */
export function requestFormResponse(frame: PortalFrame, input: { mailOn: boolean; lang?: string; email?: string; error?: string }, status = 200): Response {
  const { t, venue } = frame;
  if (!input.mailOn) return myDataResponse(frame, <p className="alert" role="alert">{t("myData.mailOffBody")}</p>, status === 200 ? 200 : 503);
  const errors = errorMessages(t);
  return myDataResponse(
    frame,
    <MyDataRequestForm
      action={myDataPath(venue.slug)}
      lang={input.lang}
      intro={t("myData.requestIntro")}
      submit={t("myData.requestSubmit")}
      email={{ label: t("login.email"), value: input.email, error: input.error, messages: { missing: errors.emailRequired!, invalid: errors.emailInvalid!, long: errors.emailTooLong! } }}
    />,
    status,
    { withScript: true },
  );
}

/** A refusal on the my-data pages, with the way to ask for a new link. */
export function myDataProblemResponse(frame: PortalFrame, message: string, status: number, headers: Record<string, string> = {}): Response {
  return myDataResponse(frame, <ProblemBody message={message} restartHref={myDataPath(frame.venue.slug)} restartLabel={frame.t("myData.askAgain")} />, status, { headers });
}

function purposeTitle(t: PortalTranslator, choice: VenueChoices["choices"][number], venueName: string): string {
  if (choice.kind === "TERMS") return t("consent.termsTitle");
  if (choice.kind === "MARKETING") return t("consent.marketingLabel", { venue: venueName });
  return t("consent.sponsorLabel", { sponsor: choice.sponsorName ?? choice.key });
}

export function choicesResponse(
  frame: PortalFrame,
  input: { venues: VenueChoices[]; notice?: string; grantError?: { purposeId: string; message: string } },
  status = 200,
): Response {
  const { t, venue } = frame;
  const date = new Intl.DateTimeFormat(frame.locale, { dateStyle: "long", timeStyle: "short", timeZone: venue.timezone });
  const venues: VenueChoicesView[] = input.venues.map((v) => ({
    heading: t("myData.venueHeading", { venue: v.venueName }),
    choices: v.choices.map((choice) => {
      const when = date.format(choice.recordedAt);
      const status = choice.kind === "TERMS" ? t("myData.statusTerms", { date: when }) : choice.granted ? t("myData.statusGranted", { date: when }) : t("myData.statusDeclined", { date: when });
      return {
        purposeId: choice.purposeId,
        title: purposeTitle(t, choice, v.venueName),
        required: choice.kind === "TERMS",
        status,
        granted: choice.granted,
        wordingLabel: t("myData.wordingShown", { version: `${choice.wording.locale}-v${choice.wording.version}` }),
        wording: choice.wording.body,
        consentTextId: choice.wording.consentTextId,
        grantWith: choice.grantWith
          ? { consentTextId: choice.grantWith.consentTextId, label: t("myData.grantWording", { version: `${choice.grantWith.locale}-v${choice.grantWith.version}` }), body: choice.grantWith.body }
          : null,
      };
    }),
  }));
  return myDataResponse(
    frame,
    <>
      {input.notice ? (
        <p className="success" role="status">
          {input.notice}
        </p>
      ) : null}
      <h2>{t("myData.choicesTitle")}</h2>
      <p className="hint">{t("myData.choicesIntro")}</p>
      <MyDataChoices
        action={myDataPath(venue.slug, "consent")}
        venues={venues}
        text={{ withdraw: t("myData.withdraw"), grantLabel: t("myData.grantLabel"), grantSubmit: t("myData.grantSubmit") }}
        grantError={input.grantError}
      />
      <h2>{t("myData.downloadTitle")}</h2>
      <p>{t("myData.downloadIntro")}</p>
      <a className="button" href={myDataPath(venue.slug, "export")} download="">
        {t("myData.downloadButton")}
      </a>
      <h2>{t("myData.eraseTitle")}</h2>
      <p>{t("myData.eraseIntro")}</p>
      <a className="button secondary" href={myDataPath(venue.slug, "erase")}>
        {t("myData.eraseButton")}
      </a>
    </>,
    status,
  );
}

export function eraseConfirmResponse(frame: PortalFrame, error?: string): Response {
  const { t, venue } = frame;
  return myDataResponse(
    frame,
    <>
      <MyDataEraseForm action={myDataPath(venue.slug, "erase")} intro={t("myData.eraseIntro")} confirmLabel={t("myData.eraseConfirmLabel")} submit={t("myData.eraseConfirmSubmit")} error={error} />
      <p className="switch">
        <a href={myDataPath(venue.slug, "choices")}>{t("myData.back")}</a>
      </p>
    </>,
    error ? 400 : 200,
    { headline: t("myData.eraseTitle") },
  );
}

/** After a link request: the same page whether or not the address is a guest's. */
export function linkSentResponse(frame: PortalFrame, email: string, minutes: number): Response {
  const { t } = frame;
  return myDataResponse(
    frame,
    <p className="success" role="status">
      {t("myData.sentBody", { email, minutes })}
    </p>,
    200,
    { headline: t("myData.sentTitle") },
  );
}

/** The landing page of an emailed link: one button, so a mail scanner's fetch does not use it up. */
export function openLinkResponse(frame: PortalFrame, token: string): Response {
  const { t, venue } = frame;
  return myDataResponse(
    frame,
    <form method="post" action={myDataPath(venue.slug, "open")}>
      <input type="hidden" name="t" value={token} />
      <p>{t("myData.openIntro")}</p>
      <button type="submit">{t("myData.openSubmit")}</button>
    </form>,
    200,
    { headline: t("myData.openTitle") },
  );
}

export function erasedResponse(frame: PortalFrame, headers: Record<string, string>): Response {
  const { t } = frame;
  return myDataResponse(
    frame,
    <p className="success" role="status">
      {t("myData.erasedBody")}
    </p>,
    200,
    { headline: t("myData.erasedTitle"), headers },
  );
}
