// Secrets at rest: credentials sealed with AES-256-GCM under PORTICO_SECRET_KEY (docs/SECRETS.md).
export {
  isSealedWithCurrentKey,
  openSecrets,
  resealSecrets,
  sealedKeyId,
  sealSecrets,
  SecretBoxError,
  secretKey,
  secretKeyLength,
  type SecretBoxFailure,
  type SecretKey,
  type SecretKeys,
} from "./secret-box";
export { deriveKeys, type DerivedKeys } from "./derived-keys";
export { SecretKeyMissingError, secretKeysFromEnv } from "./secret-keys";
