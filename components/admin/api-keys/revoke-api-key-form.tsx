"use client";

import { useActionState } from "react";

import { ActionMessage } from "@/components/admin/action-message";
import { Button } from "@/components/ui/button";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/** Revokes one key after the person confirms. */
export function RevokeApiKeyForm({ action, apiKeyId, name }: { action: Action; apiKeyId: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      aria-label={`Revoke ${name}`}
      className="space-y-2"
      onSubmit={(event) => {
        if (!window.confirm(`Revoke ${name}? Systems using it are refused from their next request.`)) event.preventDefault();
      }}
    >
      <ActionMessage state={state} />
      <input type="hidden" name="apiKeyId" value={apiKeyId} />
      <Button type="submit" variant="destructive" size="sm" disabled={pending}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
    </form>
  );
}
