"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { CopyableText } from "@/components/admin/copyable-text";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { newApiKeySchema } from "@/lib/api-keys/schemas";
import { apiScopeDescriptions, apiScopes } from "@/lib/api-keys/scopes";
import type { StaffActionState } from "@/lib/staff/action-state";

type Action = (state: StaffActionState, formData: FormData) => Promise<StaffActionState>;

const defaults = { name: "", venueId: "", scopes: ["guests:read"], shareableNamespaces: "", internalNamespaces: "", expiresOn: "", rateLimitPerMinute: 600 };

export function NewApiKeyForm({ action, venues }: { action: Action; venues: { id: string; name: string }[] }) {
  const { state, formAction, pending, form, ref, onSubmit, errorFor, bind } = useStaffForm(newApiKeySchema, action, defaults, { resetOnSuccess: true });
  const invalid = (name: string) => (errorFor(name) ? { "aria-invalid": true, "aria-describedby": `api-key-${name}-error` } : {});
  const scopesError = errorFor("scopes") ?? errorFor("scopes.0");
  return (
    <div className="space-y-4">
      {state.secret ? (
        <Alert tone="info">
          <p className="mb-2 font-medium">The new key — copy it now, it will not be shown again:</p>
          <CopyableText value={state.secret} label="Copy the new API key" />
        </Alert>
      ) : null}
      <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create an API key">
        <ActionMessage state={state} />
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="api-key-name" label="Name" hint="The system that will use it, e.g. Harbour CRM sync." error={errorFor("name")}>
            <Input id="api-key-name" autoComplete="off" {...bind("name")} {...invalid("name")} />
          </Field>
          <Field id="api-key-venueId" label="Venue" error={errorFor("venueId")}>
            <Select id="api-key-venueId" {...form.register("venueId")} {...invalid("venueId")}>
              <option value="">Every venue</option>
              {venues.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset className="space-y-2" aria-describedby={scopesError ? "api-key-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="grid gap-2 md:grid-cols-2">
            {apiScopes.map((scope) => (
              <label key={scope} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" value={scope} defaultChecked={defaults.scopes.includes(scope)} className="size-4" {...form.register("scopes")} />
                <code>{scope}</code> — {apiScopeDescriptions[scope]}
              </label>
            ))}
          </div>
          {scopesError ? (
            <p id="api-key-scopes-error" role="alert" className="text-sm font-medium text-red-700">
              {scopesError}
            </p>
          ) : null}
        </fieldset>
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="api-key-shareableNamespaces"
            label="Shareable namespaces it writes"
            hint="Comma-separated. Shareable data may leave through exports and webhooks."
            error={errorFor("shareableNamespaces")}
          >
            <Input id="api-key-shareableNamespaces" autoComplete="off" {...bind("shareableNamespaces")} {...invalid("shareableNamespaces")} />
          </Field>
          <Field
            id="api-key-internalNamespaces"
            label="Internal namespaces it writes"
            hint="Comma-separated. Internal data is seen only by keys that write it, never exported."
            error={errorFor("internalNamespaces")}
          >
            <Input id="api-key-internalNamespaces" autoComplete="off" {...bind("internalNamespaces")} {...invalid("internalNamespaces")} />
          </Field>
          <Field id="api-key-expiresOn" label="Expires on (optional)" hint="The key stops working at the start of this day (UTC)." error={errorFor("expiresOn")}>
            <Input id="api-key-expiresOn" type="date" {...bind("expiresOn")} {...invalid("expiresOn")} />
          </Field>
          <Field id="api-key-rateLimitPerMinute" label="Requests per minute" error={errorFor("rateLimitPerMinute")}>
            <Input id="api-key-rateLimitPerMinute" type="number" min={1} max={100000} {...bind("rateLimitPerMinute")} {...invalid("rateLimitPerMinute")} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
