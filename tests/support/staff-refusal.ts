import { DomainError, isDomainError } from "@/lib/errors";
import { staffRefusal, type StaffRefusal } from "@/lib/staff/messages";

/**
 * A refusal as the person who tried reads it: the DomainError a staff domain function threw,
 * worded by the staff edge's catalogue (lib/staff/messages.ts) exactly as `staffAction` shows it.
 */
export function refusalWords(error: unknown): StaffRefusal {
  if (!isDomainError(error)) throw new Error(`Expected a refusal (DomainError), got: ${String(error)}`);
  const refusal = staffRefusal(error);
  if (!refusal) throw new Error(`${error.code} is not a staff area code`);
  return refusal;
}

/**
 * A domain call whose refusal, if any, is put into the staff area's words: it rejects with an
 * Error carrying that message and those field errors (and the code), so
 * `await expect(inStaffWords(call)).rejects.toThrow(/…/)` checks what the person is told.
 * Anything that is not a DomainError rejects unchanged.
 */
export async function inStaffWords<T>(attempt: Promise<T>): Promise<T> {
  try {
    return await attempt;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { message, fieldErrors } = refusalWords(error);
    throw Object.assign(new Error(message), { name: "DomainError", code: error.code, fieldErrors });
  }
}
