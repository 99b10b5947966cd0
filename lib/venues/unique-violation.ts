import { refuseOnUniqueViolation } from "@/lib/db/refuse-on-unique-violation";
import { DomainError, type FieldErrors } from "@/lib/errors";

/**
 * Domain functions check uniqueness before writing, so people get a field error; two admins
 * saving the same slug at once still collide in the database's unique index, and that race
 * ends with the same field error instead of a crash.
 */
export function refusingDuplicates<T>(work: () => Promise<T>, fieldErrors: FieldErrors): Promise<T> {
  return refuseOnUniqueViolation(work, new DomainError("invalidFields", { fieldErrors }));
}

export function duplicate(field: string, code: "venueSlugTaken" | "zoneSlugTaken" | "sponsorSlugTaken" | "macTaken"): DomainError {
  return new DomainError("invalidFields", { fieldErrors: { [field]: [code] } });
}
