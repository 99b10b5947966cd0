import { refuseOnUniqueViolation } from "@/lib/staff/refuse-on-unique-violation";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/**
 * Runs a copy change; if a unique index refuses it (two people publishing or taking the same
 * version number at the same moment), the loser gets a message instead of an error page.
 */
export function refuseConcurrentChange<T>(change: () => Promise<T>): Promise<T> {
  return refuseOnUniqueViolation(change, new StaffActionError("Someone else changed this copy at the same moment. Reload the page and try again."));
}
