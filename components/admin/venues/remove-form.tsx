"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button } from "@/components/ui/button";

import type { StaffServerAction } from "./form-controls";

/** A button that removes one row after the person confirms; the ids travel as hidden fields. */
export function RemoveForm({ action, fields, label, confirmation }: { action: StaffServerAction; fields: Record<string, string>; label: string; confirmation: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      aria-label={label}
      className="space-y-3"
      onSubmit={(event) => {
        if (!window.confirm(confirmation)) event.preventDefault();
      }}
    >
      <ActionMessage state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Removing…" : label}
      </Button>
    </form>
  );
}
