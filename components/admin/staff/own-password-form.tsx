"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { StaffActionState } from "@/lib/staff/action-state";
import { ownPasswordChangeSchema } from "@/lib/staff/schemas";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

const fields = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password", hint: "At least 12 characters." },
  { name: "confirmPassword", label: "New password again", autoComplete: "new-password" },
] as const;

export function OwnPasswordForm({ action }: { action: Action }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(ownPasswordChangeSchema, action, {}, { resetOnSuccess: true });
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change your password">
      <ActionMessage state={state} />
      {fields.map((field) => {
        const id = `own-${field.name}`;
        const error = errorFor(field.name);
        return (
          <Field key={field.name} id={id} label={field.label} hint={"hint" in field ? field.hint : undefined} error={error}>
            <Input
              id={id}
              type="password"
              autoComplete={field.autoComplete}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-error` : undefined}
              {...form.register(field.name)}
            />
          </Field>
        );
      })}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
