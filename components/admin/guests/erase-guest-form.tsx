"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { eraseGuestFormSchema } from "@/lib/rights/schemas";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

/**
 * Legal and admins erase a guest: a reason (kept in the audit trail) and an explicit
 * confirmation. A plain form post: it works without JavaScript, and the action checks both.
 */
export function EraseGuestForm({ action, guestId, recipients }: { action: Action; guestId: string; recipients: number }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor, bind } = useStaffForm(eraseGuestFormSchema, action, { guestId, reason: "" });
  const invalid = (name: string) => (errorFor(name) ? { "aria-invalid": true, "aria-describedby": `erase-${name}-error` } : {});
  const confirmError = errorFor("confirm");
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Erase this guest">
      <ActionMessage state={state} />
      <input type="hidden" {...bind("guestId")} />
      <Field id="erase-reason" label="Reason" hint="The request this answers (a reference, how it arrived). Kept in the audit trail: do not write the guest's email here." error={errorFor("reason")}>
        <Textarea id="erase-reason" maxLength={500} required {...bind("reason")} {...invalid("reason")} />
      </Field>
      <div className="space-y-1">
        <label className="inline-flex items-start gap-2 text-sm">
          <input type="checkbox" value="on" required className="mt-0.5 size-4" {...form.register("confirm")} {...invalid("confirm")} />
          <span>
            I confirm: erase this guest&apos;s email, name, phone, devices&apos; MAC addresses and browsers, and visitor data for good, and ask{" "}
            {recipients === 1 ? "the 1 system" : `the ${recipients} systems`} that received them to delete them. This cannot be undone.
          </span>
        </label>
        {confirmError ? (
          <p id="erase-confirm-error" role="alert" className="text-sm font-medium text-red-700">
            {confirmError}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? "Erasing…" : "Erase this guest"}
      </Button>
    </form>
  );
}
