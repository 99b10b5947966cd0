import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): the library's defaults.
export { minimumPasswordLength } from "./password-policy";

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password or a malformed hash; never throws on bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails are staff. */
export const decoyPasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$t3gaZGsiFcw2v+9HKC11SA$AYkLNrLE5Jq01N+NWzj39q4Mw62rjcnOEGuqVHst4xM";
