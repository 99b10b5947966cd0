/**
 * What a staff server action hands back to its form. Messages are plain English (the staff
 * area is not translated); field errors are keyed by form field name, as zod reports them.
 */
export interface StaffActionState {
  status?: "ok" | "error";
  /** Shown above the form: what happened, or what went wrong as a whole. */
  message?: string;
  fieldErrors?: Partial<Record<string, string[]>>;
  /** What the user typed, to refill the form when it comes back with errors (JavaScript off). */
  values?: Record<string, string>;
  /** A secret shown exactly once (a new API key's token); never stored or sent again. */
  secret?: string;
}

export const emptyStaffActionState: StaffActionState = {};
