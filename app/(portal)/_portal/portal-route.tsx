import "server-only";

import { randomBytes } from "node:crypto";

import type { ReactElement } from "react";

import { PortalDocument } from "@/components/portal/portal-document";
import { portalStylesheet } from "@/components/portal/page-assets";
import { localeDirection } from "@/lib/i18n/direction";
import { fallbackInterfaceLocale, interfaceLocales, negotiateLocale } from "@/lib/i18n/locales";
import { portalTranslator } from "@/lib/i18n/portal-translator";
import { readUrlEncodedForm } from "@/lib/http/read-form";
import { checkFormOrigin } from "@/lib/http/same-origin";
import { logger } from "@/lib/log";

import { loadPortalFrame, pageLocale, type PortalFrame } from "./frame";
import { problemPage } from "./pages";
import { portalPath } from "./paths";
import { htmlResponse } from "./respond";

type VenueParams = { params: Promise<{ venue: string }> };
type Handler = (request: Request, venueSlug: string) => Promise<Response>;

/**
 * A guest page's route handler. Anything unexpected is logged with a short reference and the
 * guest gets a plain page in their language with that reference: never the error itself.
 */
export function portalRoute(handler: Handler) {
  return async (request: Request, { params }: VenueParams): Promise<Response> => {
    const { venue } = await params;
    try {
      return await handler(request, venue);
    } catch (error) {
      const reference = randomBytes(4).toString("hex");
      logger.error({ err: error, reference, method: request.method, path: new URL(request.url).pathname }, "portal request failed");
      return errorResponse(request, reference);
    }
  };
}

/** The interface locale for a page without a venue to choose from: the browser's. */
function browserLocale(request: Request): string {
  return negotiateLocale(request.headers.get("accept-language"), interfaceLocales, fallbackInterfaceLocale);
}

/** A page outside any venue's frame (unknown venue, or a failure before one was found). */
function plainPage(locale: string, title: string, body: ReactElement): ReactElement {
  return (
    <PortalDocument lang={locale} dir={localeDirection(locale)} title={title} stylesheet={portalStylesheet()}>
      <div className="portal" lang={locale}>
        <main className="card">
          <h1>{title}</h1>
          {body}
        </main>
      </div>
    </PortalDocument>
  );
}

/** No venue by that name: a 404 that says so kindly. */
export function venueNotFoundResponse(request: Request): Response {
  const locale = browserLocale(request);
  const t = portalTranslator(locale);
  return htmlResponse(plainPage(locale, t("problem.notFoundTitle"), <p>{t("problem.notFoundBody")}</p>), 404);
}

function errorResponse(request: Request, reference: string): Response {
  const locale = browserLocale(request);
  const t = portalTranslator(locale);
  return htmlResponse(
    plainPage(
      locale,
      t("problem.errorTitle"),
      <>
        <p>{t("errors.generic")}</p>
        <p className="version">{t("problem.reference", { reference })}</p>
      </>,
    ),
    500,
  );
}

/** A problem page in the venue's frame, answered with `status`. */
export function problemResponse(frame: PortalFrame, input: Parameters<typeof problemPage>[1], status: number): Response {
  return htmlResponse(problemPage(frame, input), status);
}

/**
 * Reads a guest form post, or answers for it: a post from another site (or this server under
 * another name) is refused with 403 and a page offering to start again — a refused request,
 * logged as such, not an error; an oversized or non-form body gets 413/415 and a plain page.
 */
export async function readGuestForm(request: Request, venueSlug: string): Promise<URLSearchParams | Response> {
  const verdict = checkFormOrigin(request.headers);
  if (!verdict.sameOrigin) {
    logger.warn({ path: new URL(request.url).pathname, origin: verdict.origin, expected: verdict.expected }, "refused cross-origin form post");
    const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
    if (!frame) return venueNotFoundResponse(request);
    const { t } = frame;
    return problemResponse(frame, { title: t("problem.crossSiteTitle"), message: t("problem.crossSiteBody"), restartHref: portalPath(venueSlug, "") }, 403);
  }
  const form = await readUrlEncodedForm(request);
  if (typeof form !== "string") return form;
  const locale = browserLocale(request);
  const t = portalTranslator(locale);
  return htmlResponse(
    plainPage(locale, t("problem.title"), <p className="alert">{t("errors.consentSubmissionInvalid")}</p>),
    form === "tooLarge" ? 413 : 415,
  );
}
