import { refuseOnUniqueViolation } from "@/lib/staff/refuse-on-unique-violation";
import { StaffActionError } from "@/lib/staff/staff-action-error";

/**
 * Domain functions check uniqueness before writing, so people get a field error; two admins
 * saving the same slug at once still collide in the database's unique index, and that race
 * ends with the same field error instead of a crash.
 */
export function refusingDuplicates<T>(work: () => Promise<T>, fieldErrors: Partial<Record<string, string[]>>): Promise<T> {
  return refuseOnUniqueViolation(work, new StaffActionError("Check the highlighted fields.", fieldErrors));
}

export function duplicate(field: string, message: string): StaffActionError {
  return new StaffActionError("Check the highlighted fields.", { [field]: [message] });
}
