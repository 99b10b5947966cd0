// The service provider's own key pair for a venue: signs AuthnRequests and opens encrypted
// assertions. The key comes from node:crypto, the self-signed certificate from @peculiar/x509.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill.
import "reflect-metadata";

import { generateKeyPair, webcrypto } from "node:crypto";
import { promisify } from "node:util";

import { X509CertificateGenerator } from "@peculiar/x509";

export interface SpKeyPair {
  certificatePem: string;
  privateKeyPem: string;
}

const generate = promisify(generateKeyPair);
const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** A 2048-bit RSA key and a certificate for it, valid for `years` from `now`. */
export async function generateSpKeyPair(commonName: string, now = new Date(), years = 10): Promise<SpKeyPair> {
  const { publicKey, privateKey } = await generate("rsa", { modulusLength: 2048 });
  const keys = {
    privateKey: await webcrypto.subtle.importKey("pkcs8", privateKey.export({ type: "pkcs8", format: "der" }), algorithm, true, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", publicKey.export({ type: "spki", format: "der" }), algorithm, true, ["verify"]),
  };
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  const cert = await X509CertificateGenerator.createSelfSigned(
    { serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex").replace(/^[89a-f]/, "1"), name: [{ CN: [commonName.slice(0, 64)] }], notBefore: now, notAfter, keys, signingAlgorithm: algorithm },
    webcrypto as unknown as Crypto,
  );
  return { certificatePem: cert.toString("pem"), privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

/** The base64 body of a PEM certificate, as SAML metadata carries it. */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}
