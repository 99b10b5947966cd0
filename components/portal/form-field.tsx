import type { InputHTMLAttributes } from "react";

import { emailConstraints } from "@/lib/journeys/email-login-schema";

/** The page's messages for a field's native constraint failures, shown by enhance-forms.ts. */
export interface FieldMessages {
  /** required and empty */
  missing?: string;
  /** type, pattern or range not met */
  invalid?: string;
  /** over maxlength */
  long?: string;
}

/** Data attributes carrying a field's messages to the page script. */
export function messageAttributes(messages: FieldMessages | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (messages?.missing) attributes["data-missing"] = messages.missing;
  if (messages?.invalid) attributes["data-invalid"] = messages.invalid;
  if (messages?.long) attributes["data-long"] = messages.long;
  return attributes;
}

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  /** The server's message for this field, when the form came back refused. */
  error?: string;
  messages?: FieldMessages;
}

/** A labelled input whose error is announced and tied to it for screen readers. */
export function FormField({ name, label, hint, error, messages, id = `field-${name}`, ...input }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field" data-field="">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...messageAttributes(messages)} {...input} />
      {error ? (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The email field of every guest form (sign-in, "Manage my data"): one type, keyboard and the schema's own limits. */
export function EmailField(props: Omit<FormFieldProps, "name">) {
  return (
    <FormField
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      maxLength={emailConstraints.maxLength}
      pattern={emailConstraints.htmlPattern}
      {...props}
    />
  );
}
