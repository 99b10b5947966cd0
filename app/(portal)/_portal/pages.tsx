import "server-only";

import type { ReactElement, ReactNode } from "react";

import { ConsentForm, type ConsentItem } from "@/components/portal/consent-form";
import type { PortalFormState } from "@/components/portal/form-state";
import { LocaleSwitcher } from "@/components/portal/locale-switcher";
import { LoginForm } from "@/components/portal/login-form";
import { RenderedMarkdown } from "@/components/portal/markdown-text";
import { portalScript, portalStylesheet } from "@/components/portal/page-assets";
import { PortalDocument } from "@/components/portal/portal-document";
import { PortalShell } from "@/components/portal/portal-shell";
import { ProblemBody } from "@/components/portal/problem-body";
import { SplashBody } from "@/components/portal/splash-body";
import { SuccessBody } from "@/components/portal/success-body";
import { WebsiteLinks } from "@/components/portal/website-sign-in-body";
import { venueLookRule } from "@/components/portal/venue-look";
import type { ShownConsent } from "@/lib/consent";
import { localeDirection } from "@/lib/i18n/direction";
import { languageName } from "@/lib/i18n/language-name";
import type { PortalTranslator } from "@/lib/i18n/portal-translator";
import { accessMinutesByMethod } from "@/lib/journeys/access-policy";

import type { PortalFrame } from "./frame";
import { renderedMarkdown } from "./rendered-markdown";

interface PageOptions {
  /** Replaces the copy's headline (the success and problem pages have their own). */
  headline?: string;
  /** Pages with forms carry the one small script that checks them inline. */
  withScript?: boolean;
  /** The same page in another language; leaves the switcher out when absent. */
  hrefInLocale?: (locale: string) => string;
  /** The page's own address, when it answers a form post. */
  location?: string;
  /** Where the browser goes at once (a gateway's grant address). */
  refreshTo?: string;
}

/** A complete guest page in the venue's frame. */
export function portalPage(frame: PortalFrame, body: ReactNode, options: PageOptions = {}): ReactElement {
  const { venue, copy, locale, t } = frame;
  const headline = options.headline ?? copy.headline;
  const { hrefInLocale } = options;
  const languages =
    hrefInLocale && venue.locales.length > 1 ? (
      <LocaleSwitcher
        label={t("language.label")}
        languages={venue.locales.map((code) => ({ locale: code, name: languageName(code), href: hrefInLocale(code), current: code === locale }))}
      />
    ) : undefined;
  return (
    <PortalDocument
      lang={locale}
      dir={localeDirection(locale)}
      title={headline === venue.name ? headline : `${headline} · ${venue.name}`}
      stylesheet={portalStylesheet() + venueLookRule(copy)}
      script={options.withScript || options.location ? portalScript : undefined}
      location={options.location}
      refreshTo={options.refreshTo}
    >
      <PortalShell lang={locale} venueName={venue.name} headline={headline} logoUrl={copy.logoUrl} footer={t("splash.footer", { venue: venue.name })} languages={languages}>
        {body}
      </PortalShell>
    </PortalDocument>
  );
}

const messagesByTranslator = new WeakMap<PortalTranslator, Record<string, string>>();

/** Every error message of the portal in the page's language, by code (worked out once per language). */
export function errorMessages(t: PortalTranslator): Record<string, string> {
  let messages = messagesByTranslator.get(t);
  if (!messages) {
    messages = translateErrors(t);
    messagesByTranslator.set(t, messages);
  }
  return messages;
}

function translateErrors(t: PortalTranslator): Record<string, string> {
  const codes = [
    "emailRequired", "emailInvalid", "emailTooLong", "nameRequired", "nameTooLong", "phoneRequired", "phoneInvalid",
    "birthdayInvalid", "termsRequired", "journeyInvalid", "journeyNotFound", "journeyExpired", "journeyNotIdentified",
    "consentWordingChanged", "consentSubmissionInvalid", "consentNotConfigured", "venueNotFound", "generic",
    "codeRequired", "codeInvalid",
  ] as const;
  return Object.fromEntries(codes.map((code) => [code, t(`errors.${code}`)]));
}

/** Translates a form's field error codes into the page's messages. */
export function translatedErrors(t: PortalTranslator, fieldErrors: Partial<Record<string, string[]>>): Record<string, string> {
  const messages = errorMessages(t);
  return Object.fromEntries(
    Object.entries(fieldErrors).flatMap(([field, codes]) => (codes?.[0] ? [[field, messages[codes[0]] ?? messages.generic!]] : [])),
  );
}

const today = () => new Date().toISOString().slice(0, 10);

interface LoginPageInput {
  /** Where the form posts; absent in the staff preview. */
  action?: string;
  gateway: string;
  lang?: string;
  state?: PortalFormState;
  loyaltyHref: string;
  /** "I have an access code", when the venue offers vouchers. */
  voucherHref?: string | null;
  hrefInLocale?: (locale: string) => string;
  /** The venue website's sign-in (lib/saml/sp): its name and the address that starts it. */
  website?: { name: string; href: string; splashUrl: string } | null;
  /** Shown at the top: why the guest is back at the splash. */
  notice?: string;
}

function loginText(frame: PortalFrame, submit: string) {
  const { t } = frame;
  return {
    email: t("login.email"),
    name: t("login.name"),
    phone: t("login.phone"),
    phoneHint: t("login.phoneHint"),
    birthday: t("login.birthday"),
    submit,
    errors: errorMessages(t),
  };
}

/** The splash: the venue's welcome, email quick access right there, and the way to the loyalty form. */
export function splashPage(frame: PortalFrame, input: LoginPageInput): ReactElement {
  const { copy, t } = frame;
  const hours = (minutes: number) => Math.round(minutes / 60);
  const emailForm = (
    <LoginForm
      method="email"
      action={input.action}
      gateway={input.gateway}
      lang={input.lang}
      state={input.state ?? {}}
      today={today()}
      text={{ ...loginText(frame, copy.emailButtonLabel ?? t("splash.emailButton")), emailHint: t("login.emailIntro") }}
    />
  );
  return portalPage(
    frame,
    <SplashBody
      welcome={copy.welcomeText ? <RenderedMarkdown html={renderedMarkdown(copy.welcomeText)} /> : undefined}
      emailForm={emailForm}
      loyaltyLabel={copy.loyaltyButtonLabel ?? t("splash.loyaltyButton")}
      loyaltyPerk={t("splash.loyaltyPerk", { hours: hours(accessMinutesByMethod.LOYALTY), baseHours: hours(accessMinutesByMethod.EMAIL) })}
      loyaltyHref={input.loyaltyHref}
      voucher={input.voucherHref ? { href: input.voucherHref, label: t("voucher.button") } : null}
      manageData={input.action ? { href: `/p/${encodeURIComponent(frame.venue.slug)}/my-data`, label: t("myData.manageLink") } : undefined}
      website={
        input.website
          ? { label: t("saml.button", { website: input.website.name }), href: input.website.href, browserHint: t("saml.browserHint", { website: input.website.name, url: input.website.splashUrl }) }
          : null
      }
      notice={input.notice}
    />,
    { withScript: true, hrefInLocale: input.hrefInLocale },
  );
}

/** The loyalty sign-up: more details, more hours online. */
export function loyaltyPage(frame: PortalFrame, input: LoginPageInput & { emailHref: string }): ReactElement {
  const { t } = frame;
  return portalPage(
    frame,
    <>
      <h2>{t("login.loyaltyTitle")}</h2>
      <p>{t("login.loyaltyIntro", { hours: accessMinutesByMethod.LOYALTY / 60 })}</p>
      <LoginForm
        method="loyalty"
        action={input.action}
        gateway={input.gateway}
        lang={input.lang}
        state={input.state ?? {}}
        today={today()}
        text={loginText(frame, t("login.continue"))}
      />
      <p className="switch">
        <a href={input.emailHref}>{t("login.switchToEmail")}</a>
      </p>
    </>,
    { withScript: true, hrefInLocale: input.hrefInLocale },
  );
}

export interface ConsentPageInput {
  action: string;
  token: string;
  wording: readonly ShownConsent[];
  /** Shown above the form: the wording changed while the guest was reading. */
  notice?: string;
  formError?: string;
  termsError?: string;
  /** What the guest ticked on a refused submission; empty on first view. */
  ticked?: ReadonlySet<string>;
  termsTicked?: boolean;
  hrefInLocale: (locale: string) => string;
  location?: string;
}

/** A consent box's heading: the terms, the venue's own news, or a sponsor's offers. */
export function consentTitle(t: PortalTranslator, shown: ShownConsent, venueName: string): string {
  if (shown.kind === "TERMS") return t("consent.termsTitle");
  if (shown.kind === "MARKETING") return t("consent.marketingLabel", { venue: venueName });
  return t("consent.sponsorLabel", { sponsor: shown.sponsorName ?? "" });
}

/** The consent page: terms to acknowledge, and one unticked box per optional purpose. */
export function consentPage(frame: PortalFrame, input: ConsentPageInput): ReactElement {
  const { t, venue } = frame;
  const item = (shown: ShownConsent): ConsentItem => ({
    purposeId: shown.purposeId,
    consentTextId: shown.consentTextId,
    title: consentTitle(t, shown, venue.name),
    body: shown.body,
    versionLabel: t("consent.wordingVersion", { version: `${shown.locale}-v${shown.version}` }),
  });
  const terms = input.wording.find((w) => w.kind === "TERMS")!;
  return portalPage(
    frame,
    <>
      <h2>{t("consent.title")}</h2>
      {input.notice ? (
        <p className="alert" role="alert">
          {input.notice}
        </p>
      ) : null}
      <ConsentForm
        action={input.action}
        token={input.token}
        lang={frame.locale}
        terms={item(terms)}
        optional={input.wording.filter((w) => w.kind !== "TERMS").map(item)}
        ticked={input.ticked ?? new Set()}
        termsTicked={input.termsTicked ?? false}
        formError={input.formError}
        termsError={input.termsError}
        termsRequiredMessage={t("errors.termsRequired")}
        text={{
          required: t("consent.required"),
          termsLabel: t("consent.termsLabel"),
          optionalHeading: t("consent.optionalHeading"),
          optionalIntro: t("consent.optionalIntro"),
          submit: t("consent.submit"),
        }}
      />
    </>,
    { withScript: true, hrefInLocale: input.hrefInLocale, location: input.location },
  );
}

/** The success page: the copy's message, else the portal's default for the access earned. */
export function successPage(
  frame: PortalFrame,
  input: {
    minutes: number;
    continueHref: string | null;
    hrefInLocale?: (locale: string) => string;
    location?: string;
    /** The gateway's login form the browser posts to be let on (lib/network). */
    gatewayForm?: { action: string; fields: Record<string, string> } | null;
    /** The gateway's grant address the browser goes to be let on (lib/network). */
    gatewayRedirect?: string | null;
    /** The gateway could not be told. */
    gatewayFailed?: boolean;
    /** The staff preview: no links out of it. */
    preview?: boolean;
    /** The venue websites this guest may continue to, signed in (lib/saml/idp). */
    websites?: { action: string; token: string; items: readonly { id: string; name: string }[] } | null;
  },
): ReactElement {
  const { copy, t } = frame;
  return portalPage(
    frame,
    <SuccessBody
      message={copy.successMessage ?? t("success.access", { minutes: input.minutes })}
      continueHref={input.continueHref}
      continueLabel={t("success.continue")}
      closeText={t("success.close")}
      gatewayForm={input.gatewayForm ? { ...input.gatewayForm, label: t("success.connectNow") } : null}
      gatewayLink={input.gatewayRedirect ? { href: input.gatewayRedirect, label: t("success.connectNow") } : null}
      notice={input.gatewayFailed ? t("success.gatewayFailed") : null}
      manageData={input.preview ? null : { href: `/p/${encodeURIComponent(frame.venue.slug)}/my-data`, label: t("myData.manageLink") }}
      websites={
        input.websites?.items.length ? (
          <WebsiteLinks action={input.websites.action} token={input.websites.token} websites={input.websites.items} label={(website) => t("websiteSignIn.continueTo", { website })} />
        ) : null
      }
    />,
    { headline: t("success.title"), hrefInLocale: input.hrefInLocale, location: input.location, refreshTo: input.gatewayRedirect ?? undefined },
  );
}

/** Why the guest cannot go on, with the way to start again. */
export function problemPage(frame: PortalFrame, input: { title?: string; message: string; restartHref?: string }): ReactElement {
  const { t } = frame;
  return portalPage(frame, <ProblemBody message={input.message} restartHref={input.restartHref} restartLabel={t("problem.startAgain")} />, {
    headline: input.title ?? t("problem.title"),
  });
}
