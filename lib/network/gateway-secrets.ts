// Gateway credentials at rest (faskeys, controller passwords, API keys): sealed with
// PORTICO_SECRET_KEY like connector credentials (docs/SECRETS.md), each bound to its gateway's
// id so a sealed value copied into another row does not open.
import "server-only";

import { openSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";

export interface GatewaySecretStore {
  open(sealed: Uint8Array | null, gatewayId: string): unknown;
  seal(secrets: unknown, gatewayId: string): Uint8Array<ArrayBuffer>;
}

const context = (gatewayId: string) => `gateway:${gatewayId}`;

/** The store over these keys (by default the process's PORTICO_SECRET_KEY and _PREVIOUS, read when first used). */
export function gatewaySecretStore(keys?: SecretKeys): GatewaySecretStore {
  let resolved = keys;
  const current = () => (resolved ??= secretKeysFromEnv());
  return {
    open: (sealed, gatewayId) => (sealed ? openSecrets(Buffer.from(sealed), current(), context(gatewayId)) : {}),
    seal: (secrets, gatewayId) => new Uint8Array(sealSecrets(secrets, current(), context(gatewayId))),
  };
}
