// The SP private key at rest: sealed with PORTICO_SECRET_KEY (docs/SECRETS.md), bound to its
// identity provider row so a sealed key copied into another venue's row does not open.
import "server-only";

import { openSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";

export interface SpKeyStore {
  open(sealed: Uint8Array, idpId: string): string;
  seal(privateKeyPem: string, idpId: string): Uint8Array<ArrayBuffer>;
}

const context = (idpId: string) => `saml-sp-key:${idpId}`;

export function spKeyStore(keys?: SecretKeys): SpKeyStore {
  let resolved = keys;
  const current = () => (resolved ??= secretKeysFromEnv());
  return {
    open: (sealed, idpId) => {
      const value = openSecrets(Buffer.from(sealed), current(), context(idpId)) as { privateKeyPem?: unknown };
      if (typeof value.privateKeyPem !== "string") throw new Error("sealed SP key has no privateKeyPem");
      return value.privateKeyPem;
    },
    seal: (privateKeyPem, idpId) => new Uint8Array(sealSecrets({ privateKeyPem }, current(), context(idpId))),
  };
}
