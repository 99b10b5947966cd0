"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";

import type { StaffActionState } from "@/lib/staff/action-state";

type StaffServerAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/**
 * A staff form: react-hook-form + zodResolver with the schema the server action parses, so
 * errors show inline before a round trip; the action re-checks everything and its field
 * errors show in the same place. The form posts the real FormData, so it also works as a
 * plain HTML form (register fields with `form.register(name)` and give them `name`).
 */
export function useStaffForm(
  schema: Parameters<typeof zodResolver>[0],
  action: StaffServerAction,
  defaultValues?: Record<string, unknown>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema) as Resolver<FieldValues>,
    defaultValues: state.values ?? defaultValues,
    mode: "onTouched",
  });
  const ref = useRef<HTMLFormElement>(null);

  // A form that adds something starts empty again once it worked, ready for the next one.
  useEffect(() => {
    if (options.resetOnSuccess && state.status === "ok") {
      ref.current?.reset();
      form.reset(defaultValues);
    }
    // Only when a new outcome arrives; defaultValues is a fresh object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    form.handleSubmit(() => {
      const data = new FormData(ref.current!);
      startTransition(() => formAction(data));
    })(event);

  /** The client's message when it has one, else the server's. */
  const errorFor = (name: string): string | undefined => {
    const client = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors) as
      | { message?: unknown }
      | undefined;
    return typeof client?.message === "string" ? client.message : state.fieldErrors?.[name]?.[0];
  };

  /**
   * register() plus the starting value as a real `defaultValue`, for text-like inputs: the
   * server renders it into the HTML, so the form is filled in (hidden ids included) even
   * before JavaScript runs, or when it never does.
   */
  const initialValues: Record<string, unknown> = state.values ?? defaultValues ?? {};
  const bind = (name: string) => {
    const value = initialValues[name];
    return { ...form.register(name), defaultValue: typeof value === "string" || typeof value === "number" ? String(value) : undefined };
  };

  return { state, formAction, pending, form, ref, onSubmit, errorFor, bind };
}
