"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";

/** What any of our server actions hands back to its form: field errors and the values to refill. */
export interface ProgressiveFormState {
  fieldErrors?: Partial<Record<string, string[]>>;
  values?: Record<string, string>;
}

type Schema = Parameters<typeof zodResolver>[0];
/** A schema, or a loader for one whose code is too heavy to ship with the page. */
export type SchemaSource = Schema | (() => Promise<Schema>);

/**
 * A resolver for the schema source. A lazily loaded schema that cannot be fetched (the
 * mini-browser lost the connection) skips inline checks: the server action validates anyway.
 */
function resolverFor(source: SchemaSource): Resolver<FieldValues> {
  if (typeof source !== "function") return zodResolver(source) as Resolver<FieldValues>;
  let loading: Promise<Resolver<FieldValues> | null> | undefined;
  return async (values, context, options) => {
    loading ??= source().then(
      (schema) => zodResolver(schema) as Resolver<FieldValues>,
      () => {
        loading = undefined;
        return null;
      },
    );
    const resolver = await loading;
    return resolver ? resolver(values, context, options) : { values, errors: {} };
  };
}

/**
 * A form that works as a plain HTML form without JavaScript (the server action validates
 * with the same schema and the page re-renders with its errors) and, with JavaScript, checks
 * fields inline with react-hook-form before sending the very same FormData to the action.
 * Shared by the guest portal's forms and the staff area's (components/admin/use-staff-form.ts).
 */
export function useProgressiveForm<State extends ProgressiveFormState>(
  schema: SchemaSource,
  action: (state: Awaited<State>, formData: FormData) => Promise<State>,
  defaultValues?: Record<string, unknown>,
) {
  const [state, formAction, pending] = useActionState(action, {} as Awaited<State>);
  const form = useForm<FieldValues>({
    resolver: resolverFor(schema),
    defaultValues: state.values ?? defaultValues,
    mode: "onTouched",
  });
  const ref = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    form.handleSubmit(() => {
      const data = new FormData(ref.current!);
      startTransition(() => formAction(data));
    })(event);

  /** The client's message when it has one, else what the server said about the field ("a.b" for nested fields). */
  const errorFor = (name: string): string | undefined => {
    const client = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors) as
      | { message?: unknown }
      | undefined;
    return typeof client?.message === "string" ? client.message : state.fieldErrors?.[name]?.[0];
  };

  return { state, formAction, pending, form, ref, onSubmit, errorFor };
}
