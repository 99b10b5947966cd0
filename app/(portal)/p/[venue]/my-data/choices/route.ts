import { loadPortalFrame, pageLocale } from "@/app/(portal)/_portal/frame";
import { choicesResponse, myDataProblemResponse } from "@/app/(portal)/_portal/my-data-pages";
import { myDataSession } from "@/app/(portal)/_portal/my-data-session";
import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { guestConsentChoices } from "@/lib/rights/self-service";

const notices = { withdrawn: "myData.withdrawnNotice", granted: "myData.grantedNotice", unchanged: "myData.unchangedNotice", refused: "myData.refusedNotice" } as const;

/** The guest's choices, per venue, with the words they answered; download and erasure below. */
export const GET = portalRoute(async (request, venueSlug) => {
  const search = new URL(request.url).searchParams;
  const frame = await loadPortalFrame(venueSlug, pageLocale(request, search.get("lang")));
  if (!frame) return venueNotFoundResponse(request);
  const session = await myDataSession(request, frame.venue.id);
  if (!session) return myDataProblemResponse(frame, frame.t("myData.sessionEnded"), 403);
  const done = search.get("done");
  const notice = done && done in notices ? frame.t(notices[done as keyof typeof notices]) : undefined;
  return choicesResponse(frame, { venues: await guestConsentChoices(db, session.guestId, frame.locale), notice });
});
