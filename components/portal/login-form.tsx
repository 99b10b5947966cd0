"use client";

import { useMemo } from "react";

import { emailLoginSchema } from "@/lib/journeys/email-login-schema";

import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import type { FormState } from "./form-state";
import { useProgressiveForm } from "@/components/forms/use-progressive-form";

export interface LoginFormText {
  email: string;
  name: string;
  phone: string;
  phoneHint: string;
  birthday: string;
  continue: string;
  errors: Record<string, string>;
}

interface LoginFormProps {
  method: "EMAIL" | "LOYALTY";
  venueSlug: string;
  token: string;
  countryCode: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  text: LoginFormText;
}

export function LoginForm({ method, venueSlug, token, countryCode, action, text }: LoginFormProps) {
  // The loyalty schema brings libphonenumber's metadata (~50 KB gzipped): fetched when the
  // loyalty form first validates, so the email form, which most guests use, never loads it.
  const schema = useMemo(
    () => (method === "LOYALTY" ? () => import("@/lib/journeys/loyalty-login-schema").then((m) => m.loyaltyLoginSchema(countryCode)) : emailLoginSchema),
    [method, countryCode],
  );
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useProgressiveForm(schema, action);
  const message = (code?: string) => (code ? (text.errors[code] ?? text.errors.generic) : undefined);

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="venue" value={venueSlug} />
      <input type="hidden" name="j" value={token} />
      <input type="hidden" name="method" value={method} />
      <FormAlert message={message(state.formError)} />
      <FormField
        label={text.email}
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={state.values?.email}
        error={message(errorFor("email"))}
        {...form.register("email")}
      />
      {method === "LOYALTY" ? (
        <>
          <FormField
            label={text.name}
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={state.values?.name}
            error={message(errorFor("name"))}
            {...form.register("name")}
          />
          <FormField
            label={text.phone}
            hint={text.phoneHint}
            type="tel"
            autoComplete="tel"
            required
            maxLength={32}
            defaultValue={state.values?.phone}
            error={message(errorFor("phone"))}
            {...form.register("phone")}
          />
          <FormField
            label={text.birthday}
            type="date"
            autoComplete="bday"
            defaultValue={state.values?.birthday}
            error={message(errorFor("birthday"))}
            {...form.register("birthday")}
          />
        </>
      ) : null}
      <button type="submit" disabled={pending}>
        {text.continue}
      </button>
    </form>
  );
}
