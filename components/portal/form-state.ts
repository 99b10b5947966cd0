/** A portal form as it comes back from the server: translated messages by field, and what the guest typed. */
export interface PortalFormState {
  /** A message about the whole form (e.g. a journey that cannot go on). */
  formError?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Partial<Record<string, string>>;
}

export const emptyFormState: PortalFormState = {};
