"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { describedBy, type StaffServerAction } from "@/components/admin/venues/form-controls";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { serviceProviderSchema, serviceProviderUpdateSchema } from "@/lib/saml/idp/schemas";

export interface WebsiteFormOptions {
  /** The venue's purposes a release may rest on (never the terms). */
  purposes: { id: string; label: string }[];
  /** What may be released besides the email: value and label. */
  attributes: { value: string; label: string }[];
}

/** A registration being changed: its id and current fields. */
export interface EditedWebsite {
  id: string;
  name: string;
  entityId: string;
  acsUrl: string;
  certificatePem: string | null;
  purposeId: string;
  attributes: string[];
}

/** Registers a venue website (a SAML service provider), or changes one when `website` is given. */
export function WebsiteForm({ action, venueId, options, website }: { action: StaffServerAction; venueId: string; options: WebsiteFormOptions; website?: EditedWebsite }) {
  const defaults = website
    ? { venueId, serviceProviderId: website.id, name: website.name, entityId: website.entityId, acsUrl: website.acsUrl, certificatePem: website.certificatePem ?? "", purposeId: website.purposeId, attributes: website.attributes }
    : { venueId, name: "", entityId: "", acsUrl: "", certificatePem: "", purposeId: options.purposes[0]?.id ?? "", attributes: [] as string[] };
  const { state, formAction, pending, form, ref, onSubmit, errorFor, bind } = useStaffForm(website ? serviceProviderUpdateSchema : serviceProviderSchema, action, defaults, {
    resetOnSuccess: !website,
  });
  const field = (name: string) => ({ id: `website-${name}`, error: errorFor(name) });
  const aria = (name: string, hint?: string) => ({ "aria-invalid": Boolean(errorFor(name)), "aria-describedby": describedBy(`website-${name}`, errorFor(name), hint) });
  const attributesError = errorFor("attributes") ?? errorFor("attributes.0");

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label={website ? "Change the website" : "Register a website"} className="space-y-4">
      <ActionMessage state={state} />
      <input type="hidden" {...bind("venueId")} />
      {website ? <input type="hidden" {...bind("serviceProviderId")} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field {...field("name")} label="Website name" hint="Guests see “Continue to <name>”.">
          <Input id="website-name" autoComplete="off" {...bind("name")} {...aria("name", "hint")} />
        </Field>
        <Field {...field("entityId")} label="Entity ID" hint="The website's SAML entity ID (issuer), from its metadata.">
          <Input id="website-entityId" autoComplete="off" spellCheck={false} {...bind("entityId")} {...aria("entityId", "hint")} />
        </Field>
        <Field {...field("acsUrl")} label="Assertion Consumer Service URL" hint="Responses are posted here and nowhere else.">
          <Input id="website-acsUrl" autoComplete="off" spellCheck={false} {...bind("acsUrl")} {...aria("acsUrl", "hint")} />
        </Field>
        <Field {...field("purposeId")} label="Consent needed" hint="Only guests whose latest decision on this purpose is a yes are signed in.">
          <Select id="website-purposeId" {...form.register("purposeId")} defaultValue={defaults.purposeId} {...aria("purposeId", "hint")}>
            {options.purposes.map((purpose) => (
              <option key={purpose.id} value={purpose.id}>
                {purpose.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field {...field("certificatePem")} label="Website's signing certificate (optional)" hint="PEM. When set, sign-in requests must be signed with its key.">
        <Textarea id="website-certificatePem" rows={4} spellCheck={false} autoComplete="off" {...bind("certificatePem")} {...aria("certificatePem", "hint")} />
      </Field>
      <fieldset className="space-y-2" aria-describedby={attributesError ? "website-attributes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Released besides the email</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {options.attributes.map((attribute) => (
            <label key={attribute.value} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                value={attribute.value}
                className="size-4"
                defaultChecked={defaults.attributes.includes(attribute.value)}
                {...form.register("attributes")}
              />
              {attribute.label}
            </label>
          ))}
        </div>
        {attributesError ? (
          <p id="website-attributes-error" role="alert" className="text-sm font-medium text-red-700">
            {attributesError}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {website ? (pending ? "Saving…" : "Save changes") : pending ? "Registering…" : "Register website"}
      </Button>
    </form>
  );
}
