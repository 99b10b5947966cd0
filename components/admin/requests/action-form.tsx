"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button, type ButtonProps } from "@/components/ui/button";
import { emptyStaffActionState, type StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/**
 * A plain form posting to a staff server action: it works without JavaScript, shows the
 * action's message and each field's error under the form, and names itself for screen readers.
 */
export function ActionForm({
  action,
  label,
  submit,
  variant,
  children,
}: {
  action: Action;
  label: string;
  submit: string;
  variant?: ButtonProps["variant"];
  children?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, emptyStaffActionState);
  const errors = Object.entries(state.fieldErrors ?? {}).flatMap(([, messages]) => messages ?? []);
  return (
    <form action={formAction} aria-label={label} className="space-y-3">
      {/* With field errors, the list below is the message ("check the highlighted fields" would point at nothing). */}
      {errors.length === 0 ? <ActionMessage state={state} /> : null}
      {children}
      {errors.length > 0 ? (
        <ul role="alert" className="space-y-1 text-sm font-medium text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <Button type="submit" variant={variant} disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}
