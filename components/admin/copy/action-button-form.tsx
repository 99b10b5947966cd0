"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { StaffActionState } from "@/lib/staff/action-state";

interface ActionButtonFormProps {
  id: string;
  action: (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;
  /** Hidden fields the action's schema reads. */
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** Read by screen readers with the button, e.g. which version it rolls back to. */
  description?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  /** Keeps the form (and the outcome of its last use) on screen while there is nothing to do. */
  disabled?: boolean;
}

/** One button posting a server action (publish, roll back), with its outcome beside it. */
export function ActionButtonForm({ id, action, fields, label, pendingLabel, description, variant, size, disabled }: ActionButtonFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form id={id} action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} size={size} disabled={pending || disabled} aria-label={description ? `${label}: ${description}` : undefined}>
        {pending ? pendingLabel : label}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
