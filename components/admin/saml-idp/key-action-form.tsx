"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import type { StaffServerAction } from "@/components/admin/venues/form-controls";
import { Button } from "@/components/ui/button";

/** One button acting on a venue's signing keys (generate, activate), with its outcome. */
export function KeyActionForm({ action, venueId, label, pendingLabel, variant }: { action: StaffServerAction; venueId: string; label: string; pendingLabel: string; variant?: "secondary" }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label={label} className="space-y-2">
      <ActionMessage state={state} />
      <input type="hidden" name="venueId" value={venueId} />
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
