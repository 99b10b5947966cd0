import { refuseOnUniqueViolation } from "@/lib/db/refuse-on-unique-violation";
import { DomainError } from "@/lib/errors";

/**
 * Runs a copy change; if a unique index refuses it (two people publishing or taking the same
 * version number at the same moment), the loser gets a message instead of an error page.
 */
export function refuseConcurrentChange<T>(change: () => Promise<T>): Promise<T> {
  return refuseOnUniqueViolation(change, new DomainError("copyChangedConcurrently"));
}
