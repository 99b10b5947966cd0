/** Why a posted form could not be read; each maps to an HTTP status at the edge. */
export type FormReadFailure = "unsupportedType" | "tooLarge";

/** Portal forms are a few short fields: 16 KB is generous and bounds what one request costs. */
export const maxPortalFormBytes = 16 * 1024;

/**
 * A request's body text, read only up to `maxBytes`: a declared Content-Length above it, or the
 * first chunk that goes past it, stops the read ("tooLarge") instead of buffering the rest.
 * Every body Portico reads from strangers goes through here (portal forms, the API, RADIUS).
 */
export async function readBoundedText(request: Request, maxBytes: number): Promise<string | "tooLarge"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) return "tooLarge";
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return "tooLarge";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads an `application/x-www-form-urlencoded` body, stopping as soon as it exceeds
 * `maxBytes`: an anonymous request can make Portico read and parse only so much.
 */
export async function readUrlEncodedForm(request: Request, maxBytes = maxPortalFormBytes): Promise<URLSearchParams | FormReadFailure> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return "unsupportedType";
  const text = await readBoundedText(request, maxBytes);
  return text === "tooLarge" ? text : new URLSearchParams(text);
}
