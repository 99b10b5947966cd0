"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";

import type { FormState } from "./form-state";

type ServerAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A form that works as a plain HTML form without JavaScript (the server action validates
 * with the same schema and the page re-renders with its errors) and, with JavaScript, checks
 * fields inline with react-hook-form before sending the very same FormData to the action.
 */
export function useProgressiveForm(schema: Parameters<typeof zodResolver>[0], action: ServerAction) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema) as Resolver<FieldValues>,
    defaultValues: state.values,
    mode: "onTouched",
  });
  const ref = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    form.handleSubmit(() => {
      const data = new FormData(ref.current!);
      startTransition(() => formAction(data));
    })(event);

  /** The client's message when it has one, else what the server said about the field. */
  const errorFor = (name: string): string | undefined => {
    const client = form.formState.errors[name]?.message;
    return typeof client === "string" ? client : state.fieldErrors?.[name]?.[0];
  };

  return { state, formAction, pending, form, ref, onSubmit, errorFor };
}
