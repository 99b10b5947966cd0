"use client";

import { z } from "zod";

import { consentSubmissionSchema } from "@/lib/journeys/consent-schema";

import { FormAlert } from "./form-alert";
import type { FormState } from "./form-state";
import { useProgressiveForm } from "@/components/forms/use-progressive-form";

export interface ConsentItem {
  purposeId: string;
  consentTextId: string;
  title: string;
  body: string;
  versionLabel: string;
}

export interface ConsentFormText {
  required: string;
  termsLabel: string;
  optionalHeading: string;
  optionalIntro: string;
  submit: string;
  errors: Record<string, string>;
}

interface ConsentFormProps {
  venueSlug: string;
  token: string;
  terms: ConsentItem;
  optional: ConsentItem[];
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  text: ConsentFormText;
}

// The browser-side check covers what a guest can get wrong (the terms box); the rest of the
// submission is checked by the server against the wording it actually showed.
// A ticked box reads as "yes" in the form data and in react-hook-form alike.
const clientSchema = z.object({
  termsAccepted: z.preprocess((value) => value === true || value === "yes", consentSubmissionSchema.shape.termsAccepted),
});

/** Every box starts unticked; only the terms acknowledgement is required to connect. */
export function ConsentForm({ venueSlug, token, terms, optional, action, text }: ConsentFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useProgressiveForm(clientSchema, action);
  const message = (code?: string) => (code ? (text.errors[code] ?? text.errors.generic) : undefined);
  const termsError = message(errorFor("termsAccepted"));

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="venue" value={venueSlug} />
      <input type="hidden" name="j" value={token} />
      {[terms, ...optional].map((item) => (
        <input key={item.consentTextId} type="hidden" name="shown" value={item.consentTextId} />
      ))}
      <FormAlert message={message(state.formError)} />

      <fieldset className="consent required">
        <legend>
          {terms.title} <span className="badge">{text.required}</span>
        </legend>
        <p className="wording">{terms.body}</p>
        <label className="check">
          <input
            type="checkbox"
            value="yes"
            aria-invalid={termsError ? true : undefined}
            aria-describedby={termsError ? "terms-error" : undefined}
            {...form.register("termsAccepted")}
          />
          <span>{text.termsLabel}</span>
        </label>
        {termsError ? (
          <p className="error" id="terms-error" role="alert">
            {termsError}
          </p>
        ) : null}
        <p className="version">{terms.versionLabel}</p>
      </fieldset>

      {optional.length > 0 ? (
        <section aria-labelledby="optional-heading">
          <h2 id="optional-heading">{text.optionalHeading}</h2>
          <p className="hint">{text.optionalIntro}</p>
          {optional.map((item) => (
            <div className="consent" key={item.purposeId}>
              <label className="check">
                <input type="checkbox" name="granted" value={item.purposeId} />
                <span>
                  <strong>{item.title}</strong>
                  <span className="wording">{item.body}</span>
                </span>
              </label>
              <p className="version">{item.versionLabel}</p>
            </div>
          ))}
        </section>
      ) : null}

      <button type="submit" disabled={pending}>
        {text.submit}
      </button>
    </form>
  );
}
