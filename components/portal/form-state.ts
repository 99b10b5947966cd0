/** What a portal server action hands back to its form: error codes (translated by the form) and the values to refill. */
export interface FormState {
  fieldErrors?: Partial<Record<string, string[]>>;
  formError?: string;
  values?: Record<string, string>;
}

export const emptyFormState: FormState = {};
