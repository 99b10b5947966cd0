"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { newStaffUserSchema } from "@/lib/staff/schemas";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

export function NewStaffForm({ action }: { action: Action }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(newStaffUserSchema, action, { role: "MARKETER" }, { resetOnSuccess: true });
  const invalid = (name: string) => (errorFor(name) ? { "aria-invalid": true, "aria-describedby": `new-staff-${name}-error` } : {});
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add a staff member">
      <ActionMessage state={state} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="new-staff-email" label="Email" error={errorFor("email")}>
          <Input id="new-staff-email" type="email" autoComplete="off" {...form.register("email")} {...invalid("email")} />
        </Field>
        <Field id="new-staff-name" label="Name (optional)" error={errorFor("name")}>
          <Input id="new-staff-name" autoComplete="off" {...form.register("name")} {...invalid("name")} />
        </Field>
        <Field id="new-staff-role" label="Role" error={errorFor("role")}>
          <Select id="new-staff-role" {...form.register("role")} {...invalid("role")}>
            <option value="MARKETER">Marketer — edits portal copy</option>
            <option value="LEGAL">Legal — reviews and publishes consent wording</option>
            <option value="FRONT_DESK">Front desk — creates and prints access codes</option>
            <option value="ADMIN">Admin — everything, including venues and staff</option>
          </Select>
        </Field>
        <Field id="new-staff-password" label="Temporary password" hint="At least 12 characters." error={errorFor("password")}>
          <Input id="new-staff-password" type="password" autoComplete="new-password" {...form.register("password")} {...invalid("password")} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add staff member"}
      </Button>
    </form>
  );
}
