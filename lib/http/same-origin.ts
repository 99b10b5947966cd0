/**
 * Whether a form post came from one of this server's own pages. Browsers send `Origin` with
 * every form post; a post from another site, from a sandboxed or privacy-stripped context
 * ("null"), or from this server under another host name is refused. The expected origin is
 * the one the request was addressed to: Host, or X-Forwarded-Host/-Proto when the front door
 * kept them because they came from a trusted proxy (lib/runtime/next-app.ts).
 */
export type OriginVerdict = { sameOrigin: true } | { sameOrigin: false; origin: string; expected: string };

/** The origin a request was addressed to, as the front door passed it on ("" when it says none). */
export function requestOrigin(requestHeaders: Headers): string {
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "";
  const proto = requestHeaders.get("x-forwarded-proto") === "https" ? "https" : "http";
  return originOf(`${proto}://${host.split(",")[0]!.trim()}`) ?? "";
}

export function checkFormOrigin(requestHeaders: Headers): OriginVerdict {
  const expected = requestOrigin(requestHeaders);
  // An old browser that sends no Origin still sends Referer (Referrer-Policy is same-origin).
  const claimed = requestHeaders.get("origin") ?? refererOrigin(requestHeaders.get("referer"));
  if (claimed === null) return { sameOrigin: true };
  const origin = claimed === "null" ? null : originOf(claimed);
  if (origin !== null && origin === expected) return { sameOrigin: true };
  return { sameOrigin: false, origin: claimed.slice(0, 200), expected };
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

function refererOrigin(referer: string | null): string | null {
  return referer ? (originOf(referer) ?? "null") : null;
}
