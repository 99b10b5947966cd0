import { db } from "@/lib/db";
import { requestContextOf } from "@/lib/http/request-context";
import { captivePortalState } from "@/lib/network/captive-portal-api";

// RFC 8908 section 5: application/captive+json, and a cache-control of private (the answer is
// about the asking device); no-store so a device never reads an old "captive" from a cache.
const headers = { "content-type": "application/captive+json", "cache-control": "private, no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ venue: string }> }): Promise<Response> {
  const { venue } = await params;
  const state = await captivePortalState(db, { venueSlug: venue, clientIp: requestContextOf(request.headers).ip, origin: new URL(request.url).origin });
  if (!state) return new Response(JSON.stringify({ error: "No venue at this address." }), { status: 404, headers });
  return new Response(JSON.stringify(state), { status: 200, headers });
}
