import "server-only";

import { env } from "@/lib/env";

import { secretKey, type SecretKeys } from "./secret-box";

/** Neither the environment nor `npm start` provided PORTICO_SECRET_KEY. */
export class SecretKeyMissingError extends Error {
  constructor() {
    super(
      "PORTICO_SECRET_KEY is not set, so connector credentials can be neither sealed nor opened. `npm start` creates one in .portico/secret-key when unset; a deployment sets its own (docs/SECRETS.md).",
    );
    this.name = "SecretKeyMissingError";
  }
}

/**
 * The keys from PORTICO_SECRET_KEY and PORTICO_SECRET_KEY_PREVIOUS. lib/env.ts has already
 * checked their form (32 bytes, base64 or base64url; Node's base64 decoder reads both).
 */
export function secretKeysFromEnv(): SecretKeys {
  if (!env.PORTICO_SECRET_KEY) throw new SecretKeyMissingError();
  const current = secretKey(Buffer.from(env.PORTICO_SECRET_KEY, "base64"));
  const previous = env.PORTICO_SECRET_KEY_PREVIOUS ? secretKey(Buffer.from(env.PORTICO_SECRET_KEY_PREVIOUS, "base64")) : undefined;
  return previous ? { current, previous } : { current };
}
