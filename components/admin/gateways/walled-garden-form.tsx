"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { describedBy, HiddenField, type FormBinding, type StaffServerAction } from "@/components/admin/venues/form-controls";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { walledGardenFormSchema } from "@/lib/network/walled-garden/schemas";

interface WalledGardenFormProps {
  action: StaffServerAction;
  venueId: string;
  gatewayId: string;
  hosts: readonly string[];
}

/** The hosts staff add to what Portico works out for the walled garden, one per line. */
export function WalledGardenForm({ action, venueId, gatewayId, hosts }: WalledGardenFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(walledGardenFormSchema, action, { venueId, gatewayId, hosts: hosts.join("\n") });
  const binding: FormBinding = { form, errorFor, idPrefix: "walled-garden" };
  const id = "walled-garden-hosts";
  const error = errorFor("hosts");
  const hint = "One per line: a host name, *.domain, an IP address, host:port, or a URL. Port 443 unless you name one.";
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label="Extra walled-garden hosts" className="space-y-4">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      <HiddenField binding={binding} name="gatewayId" value={gatewayId} />
      <Field id={id} label="Extra hosts" error={error} hint={hint}>
        <Textarea id={id} rows={4} spellCheck={false} autoComplete="off" defaultValue={hosts.join("\n")} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, hint)} {...form.register("hosts")} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save extra hosts"}
      </Button>
    </form>
  );
}
