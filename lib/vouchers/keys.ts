import "server-only";

import { deriveKeys, secretKeysFromEnv, type DerivedKeys, type SecretKeys } from "@/lib/crypto";

/** The keys vouchers use, each derived from PORTICO_SECRET_KEY for its one purpose (docs/SECRETS.md). */
export interface VoucherKeys {
  /** HMACs of the codes: the lookup key. */
  codes: DerivedKeys;
  /** HMACs of client MACs and addresses, for rate keys and device keys (no address is stored). */
  clients: DerivedKeys;
  /** Seals a batch's plain codes until its sheet is printed. */
  sealing: SecretKeys;
}

export function voucherKeys(keys: SecretKeys = secretKeysFromEnv()): VoucherKeys {
  return { codes: deriveKeys(keys, "voucher codes v1"), clients: deriveKeys(keys, "voucher clients v1"), sealing: keys };
}
