import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { eraseConfirmResponse, erasedResponse, myDataProblemResponse } from "@/app/(portal)/_portal/my-data-pages";
import { clearedSessionCookieHeader, myDataSession } from "@/app/(portal)/_portal/my-data-session";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { eraseConfirmSchema, eraseSelf } from "@/lib/rights/self-service";

/** The confirmation step before the guest's own erasure. */
export const GET = portalRoute(async (request, venueSlug) => {
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  if (!(await myDataSession(request, frame.venue.id))) return myDataProblemResponse(frame, frame.t("myData.sessionEnded"), 403);
  return eraseConfirmResponse(frame);
});

/** Erases at once (the email is proven), as staff would (lib/rights/erase-guest.ts). */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const session = await myDataSession(request, frame.venue.id);
  if (!session) return myDataProblemResponse(frame, frame.t("myData.sessionEnded"), 403);
  if (!eraseConfirmSchema.safeParse({ confirm: form.get("confirm") ?? undefined }).success) return eraseConfirmResponse(frame, frame.t("myData.tickToErase"));
  await eraseSelf(db, session, requestContextOf(request.headers).ip);
  return erasedResponse(frame, { "set-cookie": clearedSessionCookieHeader(request, venueSlug) });
});
