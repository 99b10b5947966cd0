import { z } from "zod";

import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { linkSentResponse, myDataProblemResponse, requestFormResponse } from "@/app/(portal)/_portal/my-data-pages";
import { translatedErrors } from "@/app/(portal)/_portal/pages";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import { mailSettingsFromEnv, mailUnsetReason } from "@/lib/mail";
import { linkMinutes, linkRequestSchema, requestSelfServiceLink, selfServiceKeys } from "@/lib/rights/self-service";

function mailOn(): boolean {
  if (mailSettingsFromEnv()) return true;
  logger.warn({ page: "my-data" }, mailUnsetReason);
  return false;
}

/** "Manage my data": the email form (linked from the splash and the success page). */
export const GET = portalRoute(async (request, venueSlug) => {
  const lang = new URL(request.url).searchParams.get("lang");
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, lang));
  if (!frame) return venueNotFoundResponse(request);
  return requestFormResponse(frame, { mailOn: mailOn(), lang: lang ?? undefined });
});

/**
 * Asks for a link. Known and unknown addresses get the same page after the same statements
 * (lib/rights/self-service/request-link.ts); the email job decides whether anything is sent.
 */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const lang = form.get("lang");
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, lang));
  if (!frame) return venueNotFoundResponse(request);
  const { t } = frame;
  if (!mailOn()) return requestFormResponse(frame, { mailOn: false }, 503);
  const email = (form.get("email") ?? "").slice(0, 1000);
  const parsed = linkRequestSchema.safeParse({ email });
  if (!parsed.success) {
    const errors = translatedErrors(t, z.flattenError(parsed.error).fieldErrors);
    return requestFormResponse(frame, { mailOn: true, lang: lang ?? undefined, email, error: errors.email }, 400);
  }
  const { ip } = requestContextOf(request.headers);
  const result = await requestSelfServiceLink(db, selfServiceKeys(), { venueId: frame.venue.id, email: parsed.data.email, locale: frame.locale, ip });
  if (result.status === "limited") return myDataProblemResponse(frame, t("myData.limitedBody"), 429, { "retry-after": "3600" });
  return linkSentResponse(frame, parsed.data.email, linkMinutes);
});
