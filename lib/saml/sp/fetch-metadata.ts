// Fetches an identity provider's published metadata: bounded in time and size.
import { maxMetadataLength } from "./idp-metadata";

export type MetadataFetch = (url: string) => Promise<string>;

export class MetadataFetchError extends Error {
  override name = "MetadataFetchError";
}

export const fetchMetadata: MetadataFetch = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: "follow", headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" } });
  } catch (error) {
    throw new MetadataFetchError(error instanceof Error && error.name === "TimeoutError" ? "no answer within 10 seconds" : "the address could not be reached");
  }
  if (!response.ok) throw new MetadataFetchError(`the server answered HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > maxMetadataLength) throw new MetadataFetchError("the document is larger than 512 KB");
  return text;
};
