import "server-only";

import { deriveKeys, secretKeysFromEnv, type DerivedKeys, type SecretKeys } from "@/lib/crypto";

import { linkTokenPurpose } from "./link-token";
import { rateKeyPurpose } from "./rate-limit";

/** The keys self-service uses, each derived from PORTICO_SECRET_KEY for its one purpose. */
export interface SelfServiceKeys {
  links: DerivedKeys;
  rateKeys: DerivedKeys;
}

export function selfServiceKeys(keys: SecretKeys = secretKeysFromEnv()): SelfServiceKeys {
  return { links: deriveKeys(keys, linkTokenPurpose), rateKeys: deriveKeys(keys, rateKeyPurpose) };
}
