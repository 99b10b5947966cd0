// Connector credentials at rest: sealed with PORTICO_SECRET_KEY (lib/crypto, docs/SECRETS.md),
// each bound to its connector's id so a sealed value copied into another row does not open.
import "server-only";

import { isSealedWithCurrentKey, openSecrets, resealSecrets, sealSecrets, secretKeysFromEnv, type SecretKeys } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";

import type { SecretStore } from "./connector-store";

const context = (connectorId: string) => `connector:${connectorId}`;

/** The store over these keys (by default the process's PORTICO_SECRET_KEY and _PREVIOUS, read when first used). */
export function connectorSecretStore(keys?: SecretKeys): SecretStore {
  let resolved = keys;
  const current = () => (resolved ??= secretKeysFromEnv());
  return {
    open: (sealed, connectorId) => (sealed ? openSecrets(Buffer.from(sealed), current(), context(connectorId)) : {}),
    seal: (secrets, connectorId) => new Uint8Array(sealSecrets(secrets, current(), context(connectorId))),
    isCurrent: (sealed) => !sealed || isSealedWithCurrentKey(Buffer.from(sealed), current()),
    reseal: (sealed, connectorId) => new Uint8Array(resealSecrets(Buffer.from(sealed), current(), context(connectorId))),
  };
}

/**
 * After a key rotation (docs/SECRETS.md): seals again, with the current key, every connector's
 * credentials still sealed with the previous one. Returns how many it re-sealed.
 */
export async function resealConnectorSecrets(db: Db, store: SecretStore): Promise<number> {
  if (!store.isCurrent || !store.reseal) return 0;
  const rows = await db.connector.findMany({ where: { secrets: { not: null } }, select: { id: true, secrets: true } });
  let resealed = 0;
  for (const row of rows) {
    if (!row.secrets || store.isCurrent(row.secrets)) continue;
    const sealed = store.reseal(row.secrets, row.id);
    // Only if nobody replaced them meanwhile.
    const updated = await db.connector.updateMany({ where: { id: row.id, secrets: { equals: row.secrets } }, data: { secrets: sealed } });
    resealed += updated.count;
  }
  return resealed;
}
