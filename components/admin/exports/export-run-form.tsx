"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { HiddenField, TextField, type FormBinding, type StaffServerAction } from "@/components/admin/venues/form-controls";
import { Button } from "@/components/ui/button";
import { exportRunSchema } from "@/lib/exports/schemas";

/** Exports a venue's days from one day to another (a backfill), or one day when both are the same. */
export function ExportRunForm({ action, venueId, yesterday }: { action: StaffServerAction; venueId: string; yesterday: string }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(exportRunSchema, action, { venueId, from: yesterday, to: yesterday });
  const binding: FormBinding = { form, errorFor, idPrefix: "export-run" };
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label="Run or backfill exports" className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField binding={binding} name="from" label="First day" type="date" hint="In the venue's time zone." />
        <TextField binding={binding} name="to" label="Last day" type="date" hint="At most 31 days at a time; the export command takes any range." />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" value="on" className="size-4" {...form.register("redo")} />
        Write days already exported again (their consent flags and lists then show consent as it is now)
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Exporting…" : "Export these days"}
      </Button>
    </form>
  );
}
