"use client";

import { useEffect } from "react";

import { useProgressiveForm, type SchemaSource } from "@/components/forms/use-progressive-form";
import type { StaffActionState } from "@/lib/staff/action-state";

type StaffServerAction = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/**
 * A staff form: the portal's progressive form (react-hook-form + zodResolver with the schema
 * the server action parses, then the real FormData posted to the action) plus what staff
 * forms need on top — starting values, emptying an "add" form once it worked, and `bind()`.
 */
export function useStaffForm(
  schema: SchemaSource,
  action: StaffServerAction,
  defaultValues?: Record<string, unknown>,
  options: { resetOnSuccess?: boolean } = {},
) {
  const progressive = useProgressiveForm(schema, action, defaultValues);
  const { state, form, ref } = progressive;

  // A form that adds something starts empty again once it worked, ready for the next one.
  useEffect(() => {
    if (options.resetOnSuccess && state.status === "ok") {
      ref.current?.reset();
      form.reset(defaultValues);
    }
    // Only when a new outcome arrives; defaultValues is a fresh object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

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

  return { ...progressive, bind };
}
