"use client";

import type { InputHTMLAttributes } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

import { Field, Input } from "@/components/ui/input";
import type { StaffActionState } from "@/lib/staff/action-state";

export type StaffServerAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

export interface FormBinding {
  form: UseFormReturn<FieldValues>;
  errorFor: (name: string) => string | undefined;
  /** Keeps ids unique when several forms on one page have a field of the same name. */
  idPrefix: string;
}

/** The ids a control points at for its hint and error, so screen readers read them with it. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A text input bound to the form, with its label, hint and (client or server) error. */
export function TextField({
  binding,
  name,
  label,
  hint,
  ...props
}: { binding: FormBinding; name: string; label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${binding.idPrefix}-${name}`;
  const error = binding.errorFor(name);
  const initial = binding.form.formState.defaultValues?.[name];
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <Input
        id={id}
        defaultValue={typeof initial === "string" ? initial : undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
        {...binding.form.register(name)}
      />
    </Field>
  );
}

/** An id the action needs but the person does not edit; the value is in the HTML so the form works without JavaScript. */
export function HiddenField({ binding, name, value }: { binding: FormBinding; name: string; value: string }) {
  return <input type="hidden" defaultValue={value} {...binding.form.register(name)} />;
}
