// A signing key pair and its self-signed certificate, made by @peculiar/x509 over WebCrypto:
// no ASN.1 is written here. RSA 2048 with SHA-256 (rsa-sha256 in XML-DSig), what every SAML
// service provider library accepts.
import { createPrivateKey, randomBytes, webcrypto } from "node:crypto";

// tsyringe, which @peculiar/x509 2 uses inside, needs the Reflect metadata polyfill loaded first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** How long a certificate is valid: SAML trusts the key it names, so a long life is usual. */
const validityYears = 10;

export interface SigningKeyPair {
  certificatePem: string;
  privateKeyPem: string;
}

/** A new key pair whose certificate names `commonName` (the venue's slug, never a person). */
export async function generateSigningKeyPair(commonName: string, now = new Date()): Promise<SigningKeyPair> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as unknown as CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validityYears);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    // Positive (first byte below 0x80), random, 16 bytes.
    serialNumber: `01${randomBytes(15).toString("hex")}`,
    name: [{ CN: [commonName] }, { O: ["Portico guest sign-in"] }],
    notBefore: now,
    notAfter,
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const privateKeyPem = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }).toString();
  return { certificatePem: certificate.toString("pem"), privateKeyPem };
}

/** The certificate's base64 DER body, as <ds:X509Certificate> carries it. */
export function certificateBody(pem: string): string {
  return new x509.X509Certificate(pem).toString("base64");
}

/** Whether `pem` is one X.509 certificate (what admins paste for an SP), and until when. */
export function readCertificate(pem: string): { notAfter: Date; subject: string } | null {
  try {
    const certificate = new x509.X509Certificate(pem.trim());
    return { notAfter: certificate.notAfter, subject: certificate.subject };
  } catch {
    return null;
  }
}
