import { portalFrameFor } from "@/app/(portal)/_portal/frame";
import { splashPage, successPage } from "@/app/(portal)/_portal/pages";
import { guestPagePolicy, htmlResponse, seeOther } from "@/app/(portal)/_portal/respond";
import { can } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { accessMinutesByMethod } from "@/lib/journeys";
import { findCopyVersion } from "@/lib/portal-copy";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * Staff-only: one stored copy version (usually the draft) rendered as the guest splash (or,
 * with ?page=success, the success page) by the very code guests get, outside the staff
 * shell; the editor shows it in a phone-sized frame. Its form and links start nothing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ copyId: string }> }): Promise<Response> {
  const url = new URL(request.url);
  const staff = await currentStaff();
  if (!staff) return seeOther(`/admin/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
  if (!can(staff.role, "copy.edit")) return plain(403, "Your staff role does not include the portal copy preview.");
  const { copyId } = await params;
  const found = await findCopyVersion(db, copyId);
  if (!found) return plain(404, "No such copy version.");
  const frame = portalFrameFor(found.venue, found.fields, found.copy.locale);
  // The success page as an email guest with no onward link sees it.
  return htmlResponse(
    url.searchParams.get("page") === "success"
      ? successPage(frame, { minutes: accessMinutesByMethod.EMAIL, continueHref: null, preview: true })
      : splashPage(frame, { gateway: "", loyaltyHref: "#" }),
    200,
    // Shown in a frame on the copy editor's page (next.config.ts: X-Frame-Options SAMEORIGIN).
    { "content-security-policy": guestPagePolicy([], "'self'") },
  );
}
