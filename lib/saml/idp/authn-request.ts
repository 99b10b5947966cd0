// An AuthnRequest as the HTTP-Redirect binding carries it (SAML 2.0 Bindings §3.4): the
// DEFLATE'd, base64'd XML in `SAMLRequest`, optional `RelayState`, and, when the website signs
// its requests, `SigAlg` and `Signature` over the raw query string exactly as it arrived. The
// XML is read with @xmldom/xmldom; the signature is checked with node:crypto against the
// certificate the admin registered. Nothing here trusts the request to say where the
// response goes: the registration does.
import { createPublicKey, verify } from "node:crypto";
import { inflateRawSync } from "node:zlib";

import { DOMParser } from "@xmldom/xmldom";

const protocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
const assertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
const postBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/** An inflated request larger than this is not an AuthnRequest anyone sends. */
const maxRequestBytes = 64 * 1024;
/** RelayState is at most 80 bytes by the spec; websites send longer ones, so a generous bound. */
const maxRelayStateLength = 2048;
/** How far an IssueInstant may be from our clock. */
const clockSkewMs = 5 * 60 * 1000;

/** Signature algorithms accepted on requests; SHA-1 is refused. */
const signatureAlgorithms: Record<string, string> = {
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "sha512",
};

export interface AuthnRequest {
  id: string;
  issuer: string;
  acsUrl: string | null;
  destination: string | null;
  relayState: string | null;
  signature: { algorithm: string; value: Buffer; signedOctets: string } | null;
}

export type AuthnRequestProblem = "missing" | "malformed" | "stale" | "unsupportedBinding" | "unsupportedSignatureAlgorithm";

export class AuthnRequestError extends Error {
  constructor(readonly problem: AuthnRequestProblem) {
    super(`AuthnRequest refused: ${problem}`);
    this.name = "AuthnRequestError";
  }
}

/** The raw (still URL-encoded) value of each query parameter, as the signature covers them. */
function rawParameters(query: string): Map<string, string> {
  const raw = new Map<string, string>();
  for (const part of query.replace(/^\?/, "").split("&")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at);
    if (!raw.has(name)) raw.set(name, part.slice(at + 1));
  }
  return raw;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw new AuthnRequestError("malformed");
  }
}

const ncName = /^[A-Za-z_][\w.-]{0,255}$/;

/** Reads and checks a Redirect-binding AuthnRequest from a request's query string. */
export function readRedirectAuthnRequest(query: string, now = new Date()): AuthnRequest {
  const raw = rawParameters(query);
  const encodedRequest = raw.get("SAMLRequest");
  if (!encodedRequest) throw new AuthnRequestError("missing");
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(decode(encodedRequest), "base64"), { maxOutputLength: maxRequestBytes }).toString("utf8");
  } catch (error) {
    if (error instanceof AuthnRequestError) throw error;
    throw new AuthnRequestError("malformed");
  }
  // No DTDs: nothing an AuthnRequest needs, and the root of entity tricks.
  if (/<!DOCTYPE/i.test(xml)) throw new AuthnRequestError("malformed");
  const errors: string[] = [];
  let document: ReturnType<DOMParser["parseFromString"]> | undefined;
  try {
    document = new DOMParser({ onError: (level, message) => void (level === "warning" ? undefined : errors.push(message)) }).parseFromString(xml, "text/xml");
  } catch {
    // xmldom 0.9 throws on a fatal error after reporting it.
    throw new AuthnRequestError("malformed");
  }
  const root = document?.documentElement;
  if (errors.length || !root || root.localName !== "AuthnRequest" || root.namespaceURI !== protocolNs) throw new AuthnRequestError("malformed");

  const id = root.getAttribute("ID") ?? "";
  const issueInstant = Date.parse(root.getAttribute("IssueInstant") ?? "");
  const issuerElement = Array.from(root.getElementsByTagNameNS(assertionNs, "Issuer")).find((element) => element.parentNode === root);
  const issuer = issuerElement?.textContent?.trim() ?? "";
  if (!ncName.test(id) || root.getAttribute("Version") !== "2.0" || !issuer || issuer.length > 1024 || Number.isNaN(issueInstant)) {
    throw new AuthnRequestError("malformed");
  }
  if (Math.abs(now.getTime() - issueInstant) > clockSkewMs) throw new AuthnRequestError("stale");
  const binding = root.getAttribute("ProtocolBinding");
  if (binding && binding !== postBinding) throw new AuthnRequestError("unsupportedBinding");

  const relayState = raw.has("RelayState") ? decode(raw.get("RelayState")!) : null;
  if (relayState !== null && relayState.length > maxRelayStateLength) throw new AuthnRequestError("malformed");

  let signature: AuthnRequest["signature"] = null;
  if (raw.has("Signature")) {
    const algorithm = raw.has("SigAlg") ? decode(raw.get("SigAlg")!) : "";
    if (!Object.hasOwn(signatureAlgorithms, algorithm)) throw new AuthnRequestError("unsupportedSignatureAlgorithm");
    // Bindings §3.4.4.1: the parameters in this order, as they were encoded in the URL.
    const signedOctets = [`SAMLRequest=${encodedRequest}`, ...(raw.has("RelayState") ? [`RelayState=${raw.get("RelayState")}`] : []), `SigAlg=${raw.get("SigAlg")}`].join("&");
    signature = { algorithm, value: Buffer.from(decode(raw.get("Signature")!), "base64"), signedOctets };
  }

  return { id, issuer, acsUrl: root.getAttribute("AssertionConsumerServiceURL") || null, destination: root.getAttribute("Destination") || null, relayState, signature };
}

/** Whether the request's Redirect-binding signature verifies with the website's certificate. */
export function verifyRedirectSignature(request: AuthnRequest, certificatePem: string): boolean {
  if (!request.signature) return false;
  try {
    return verify(signatureAlgorithms[request.signature.algorithm]!, Buffer.from(request.signature.signedOctets, "utf8"), createPublicKey(certificatePem), request.signature.value);
  } catch {
    return false;
  }
}
