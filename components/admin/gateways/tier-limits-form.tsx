"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { HiddenField, TextField, type FormBinding, type StaffServerAction } from "@/components/admin/venues/form-controls";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { tierFieldName, tierLimitsFormSchema, tierMethodLabels, tierMethods } from "@/lib/network/tier-limits";

interface TierLimitsFormProps {
  action: StaffServerAction;
  venueId: string;
  gatewayId: string;
  /** The form's values: field name → text ("" for no limit). */
  values: Record<string, string>;
  /** Minutes per way of signing in (the journey's, shown for context). */
  minutes: Record<string, number>;
}

/** Bandwidth and data allowance per way of signing in; blank means no limit. */
export function TierLimitsForm({ action, venueId, gatewayId, values, minutes }: TierLimitsFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(tierLimitsFormSchema, action, { venueId, gatewayId, ...values });
  const binding: FormBinding = { form, errorFor, idPrefix: "tiers" };

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label="Access tiers" className="space-y-6">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      <HiddenField binding={binding} name="gatewayId" value={gatewayId} />
      {tierMethods.map((method) => (
        <fieldset key={method} className="space-y-3">
          <legend className="text-sm font-medium">
            {tierMethodLabels[method]} <span className="font-normal text-slate-600">· {minutes[method]} minutes</span>
          </legend>
          <div className="grid gap-4 md:grid-cols-3">
            <TextField binding={binding} name={tierFieldName(method, "downKbps")} label="Download (kbit/s)" inputMode="numeric" autoComplete="off" />
            <TextField binding={binding} name={tierFieldName(method, "upKbps")} label="Upload (kbit/s)" inputMode="numeric" autoComplete="off" />
            <TextField binding={binding} name={tierFieldName(method, "quotaMb")} label="Data allowance (MB)" inputMode="numeric" autoComplete="off" />
          </div>
        </fieldset>
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save access tiers"}
      </Button>
    </form>
  );
}
