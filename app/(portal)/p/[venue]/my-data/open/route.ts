import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { myDataProblemResponse, openLinkResponse } from "@/app/(portal)/_portal/my-data-pages";
import { myDataPath, sessionCookieHeader } from "@/app/(portal)/_portal/my-data-session";
import { portalRoute, readGuestForm, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import type { PortalFrame } from "@/app/(portal)/_portal/frame";
import { db } from "@/lib/db";
import { inspectSelfServiceLink, openSelfServiceLink, selfServiceKeys } from "@/lib/rights/self-service";

const refusals = { invalid: ["myData.linkInvalid", 400], expired: ["myData.linkExpired", 410], used: ["myData.linkUsed", 410] } as const;

function refused(frame: PortalFrame, state: keyof typeof refusals): Response {
  const [message, status] = refusals[state];
  return myDataProblemResponse(frame, frame.t(message), status);
}

/**
 * The emailed link lands here. Opening it takes a button press (a POST), so a mail scanner
 * that fetches every link in an email does not use up the guest's one opening.
 */
export const GET = portalRoute(async (request, venueSlug) => {
  const token = new URL(request.url).searchParams.get("t");
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const state = await inspectSelfServiceLink(db, selfServiceKeys(), token);
  if (state !== "usable") return refused(frame, state);
  return openLinkResponse(frame, token ?? "");
});

/** Uses the link (once) and opens the session the other pages read from a cookie. */
export const POST = portalRoute(async (request, venueSlug) => {
  const form = await readGuestForm(request, venueSlug);
  if (form instanceof Response) return form;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, null));
  if (!frame) return venueNotFoundResponse(request);
  const opened = await openSelfServiceLink(db, selfServiceKeys(), form.get("t"));
  if (opened.status !== "opened") return refused(frame, opened.status);
  return new Response(null, {
    status: 303,
    headers: { location: myDataPath(venueSlug, "choices"), "cache-control": "no-store", "set-cookie": sessionCookieHeader(request, venueSlug, opened.cookie) },
  });
});
