/** Why a posted form could not be read; each maps to an HTTP status at the edge. */
export type FormReadFailure = "unsupportedType" | "tooLarge";

/** Portal forms are a few short fields: 16 KB is generous and bounds what one request costs. */
export const maxPortalFormBytes = 16 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body, stopping as soon as it exceeds
 * `maxBytes`: an anonymous request can make Portico read and parse only so much.
 */
export async function readUrlEncodedForm(request: Request, maxBytes = maxPortalFormBytes): Promise<URLSearchParams | FormReadFailure> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return "unsupportedType";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return "tooLarge";
  if (!request.body) return new URLSearchParams();

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
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
