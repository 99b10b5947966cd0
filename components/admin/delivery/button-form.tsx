"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/**
 * One button that posts a few hidden values to a staff action, and says what happened. There is
 * nothing to type, so nothing to check in the browser: the action validates the values.
 */
export function ButtonForm({
  action,
  values,
  label,
  pendingLabel,
  variant,
  name,
}: {
  action: Action;
  values: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: ButtonProps["variant"];
  /** Names the form for tests and assistive technology. */
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label={name} className="space-y-2">
      <ActionMessage state={state} />
      {Object.entries(values).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <Button type="submit" variant={variant} size="sm" disabled={pending}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
    </form>
  );
}
