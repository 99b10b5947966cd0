// Gateway credentials at rest (faskeys, controller passwords, API keys): sealed with
// PORTICO_SECRET_KEY like connector credentials (docs/SECRETS.md), each bound to its gateway's
// id so a sealed value copied into another row does not open.
import "server-only";

import { isSealedWithCurrentKey, openSecrets, resealSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";

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

/**
 * After a key rotation (docs/SECRETS.md): seals again, with the current key, every gateway's
 * credentials still sealed with the previous one. Returns how many it re-sealed.
 */
export async function resealGatewaySecrets(db: Db, keys: SecretKeys = secretKeysFromEnv()): Promise<number> {
  if (!keys.previous) return 0;
  const rows = await db.gateway.findMany({ where: { secrets: { not: null } }, select: { id: true, secrets: true } });
  let resealed = 0;
  for (const row of rows) {
    if (!row.secrets || isSealedWithCurrentKey(Buffer.from(row.secrets), keys)) continue;
    const sealed = new Uint8Array(resealSecrets(Buffer.from(row.secrets), keys, context(row.id)));
    // Only if nobody replaced them meanwhile.
    const updated = await db.gateway.updateMany({ where: { id: row.id, secrets: { equals: row.secrets } }, data: { secrets: sealed } });
    resealed += updated.count;
  }
  return resealed;
}
