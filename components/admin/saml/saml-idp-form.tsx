"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { HiddenField, TextField, describedBy, type FormBinding, type StaffServerAction } from "@/components/admin/venues/form-controls";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/input";
import { samlIdpFormSchema } from "@/lib/saml/sp/schemas";

interface SamlIdpFormProps {
  action: StaffServerAction;
  venueId: string;
  /** The stored configuration as form values (text fields as text, checkboxes as booleans). */
  defaults: Record<string, string | boolean>;
}

/** The venue website's identity provider: its metadata (pasted, or by address), the attribute mapping, on/off. */
export function SamlIdpForm({ action, venueId, defaults }: SamlIdpFormProps) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(samlIdpFormSchema, action, { venueId, ...defaults });
  const binding: FormBinding = { form, errorFor, idPrefix: "saml" };
  const xmlError = errorFor("metadataXml");
  const checkbox = (name: "enabled" | "signRequests", label: string) => (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4" defaultChecked={defaults[name] === true} {...form.register(name)} />
      {label}
    </label>
  );

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label="Website identity provider" className="space-y-5">
      <ActionMessage state={state} />
      <HiddenField binding={binding} name="venueId" value={venueId} />
      <TextField binding={binding} name="displayName" label="Website name on the splash" hint='Guests see "Sign in with <this name>".' autoComplete="off" />
      <TextField binding={binding} name="metadataUrl" label="Metadata address (optional)" hint="Portico fetches it now and every hour, so certificate rotations arrive by themselves." inputMode="url" autoComplete="off" />
      <Field id="saml-metadataXml" label="Or paste the metadata XML" error={xmlError} hint="Leave empty to fetch it from the address above.">
        <Textarea
          id="saml-metadataXml"
          rows={6}
          spellCheck={false}
          className="font-mono text-xs"
          defaultValue={typeof defaults.metadataXml === "string" ? defaults.metadataXml : undefined}
          aria-invalid={Boolean(xmlError)}
          aria-describedby={describedBy("saml-metadataXml", xmlError, "hint")}
          {...form.register("metadataXml")}
        />
      </Field>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Attributes the website sends</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField binding={binding} name="attrEmail" label="Email attribute" autoComplete="off" />
          <TextField binding={binding} name="attrPhone" label="Phone attribute (optional)" autoComplete="off" />
          <TextField binding={binding} name="attrFirstName" label="First name attribute (optional)" autoComplete="off" />
          <TextField binding={binding} name="attrLastName" label="Last name attribute (optional)" autoComplete="off" />
          <TextField binding={binding} name="visitorDataNamespace" label="Visitor data namespace (optional)" hint="Other attributes are copied into this namespace of the guest's visitor data." autoComplete="off" />
          <TextField binding={binding} name="visitorDataAttributes" label="Attributes to copy there" hint="Names separated by spaces or commas." autoComplete="off" />
        </div>
      </fieldset>
      <div className="flex flex-col gap-2">
        {checkbox("enabled", "Offer website sign-in on the splash")}
        {checkbox("signRequests", "Sign AuthnRequests with the SP key (make the key below first)")}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save identity provider"}
      </Button>
    </form>
  );
}
