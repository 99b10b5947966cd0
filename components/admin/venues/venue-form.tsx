"use client";

import { ActionMessage } from "@/components/admin/action-message";
import { useStaffForm } from "@/components/admin/use-staff-form";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { venueSchema, venueUpdateSchema } from "@/lib/venues/schemas";

import { describedBy, HiddenField, TextField, type FormBinding, type StaffServerAction } from "./form-controls";

export type VenueFormValues = {
  name: string;
  slug: string;
  timezone: string;
  countryCode: string;
  locales: string[];
  defaultLocale: string;
};

export interface VenueFormOptions {
  timeZones: string[];
  countries: { code: string; name: string }[];
  locales: { code: string; name: string }[];
}

const countryHint = "Phone numbers typed without a country code are read as this country's.";
const defaultLocaleHint = "Shown when a guest's browser asks for a language the venue does not offer.";

/** Creates a venue, or edits one when `venueId` is given. */
export function VenueForm({
  action,
  defaults,
  options,
  venueId,
}: {
  action: StaffServerAction;
  defaults: VenueFormValues;
  options: VenueFormOptions;
  venueId?: string;
}) {
  const schema = venueId ? venueUpdateSchema : venueSchema;
  const { state, formAction, pending, form, ref, onSubmit, errorFor } = useStaffForm(schema, action, venueId ? { ...defaults, venueId } : defaults);
  const binding: FormBinding = { form, errorFor, idPrefix: "venue" };
  const localesError = errorFor("locales") ?? errorFor("locales.0") ?? errorFor("locales.1");
  const timezoneError = errorFor("timezone");
  const countryError = errorFor("countryCode");
  const defaultLocaleError = errorFor("defaultLocale");
  // What the person typed when the server sent the form back (JavaScript off), else the defaults.
  const initial = { ...defaults, ...form.formState.defaultValues };
  const initialLocales: unknown[] = Array.isArray(initial.locales) ? initial.locales : [initial.locales];

  /** Until someone edits the slug, it follows the name: "Café du Port" → cafe-du-port. */
  const suggestSlug = (name: string) => {
    if (venueId || form.getFieldState("slug").isDirty) return;
    const slug = name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64)
      .replace(/-+$/, "");
    form.setValue("slug", slug);
  };

  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate aria-label={venueId ? "Venue details" : "New venue"} className="space-y-4">
      <ActionMessage state={state} />
      {venueId ? <HiddenField binding={binding} name="venueId" value={venueId} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField binding={binding} name="name" label="Venue name" autoComplete="off" onInput={(event) => suggestSlug(event.currentTarget.value)} />
        <TextField
          binding={binding}
          name="slug"
          label="Slug"
          hint={venueId ? "Guests' address is /p/<slug>: changing it means updating the gateway's splash URL." : "Lower-case letters, digits and hyphens; guests' address is /p/<slug>."}
          autoComplete="off"
          spellCheck={false}
        />
        <Field id="venue-timezone" label="Time zone" error={timezoneError}>
          <Select id="venue-timezone" defaultValue={initial.timezone} aria-invalid={Boolean(timezoneError)} aria-describedby={describedBy("venue-timezone", timezoneError)} {...form.register("timezone")}>
            {options.timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="venue-countryCode" label="Country" hint={countryHint} error={countryError}>
          <Select
            id="venue-countryCode"
            defaultValue={initial.countryCode}
            aria-invalid={Boolean(countryError)}
            aria-describedby={describedBy("venue-countryCode", countryError, countryHint)}
            {...form.register("countryCode")}
          >
            {options.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name} ({country.code})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-2" aria-describedby={localesError ? "venue-locales-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Languages offered to guests</legend>
        <div className="flex flex-wrap gap-4">
          {options.locales.map((locale) => (
            <label key={locale.code} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" value={locale.code} defaultChecked={initialLocales.includes(locale.code)} className="size-4" {...form.register("locales")} />
              {locale.name} ({locale.code})
            </label>
          ))}
        </div>
        {localesError ? (
          <p id="venue-locales-error" role="alert" className="text-sm font-medium text-red-700">
            {localesError}
          </p>
        ) : null}
      </fieldset>
      <Field id="venue-defaultLocale" label="Default language" hint={defaultLocaleHint} error={defaultLocaleError}>
        <Select
          id="venue-defaultLocale"
          defaultValue={initial.defaultLocale}
          aria-invalid={Boolean(defaultLocaleError)}
          aria-describedby={describedBy("venue-defaultLocale", defaultLocaleError, defaultLocaleHint)}
          className="md:w-1/2"
          {...form.register("defaultLocale")}
        >
          {options.locales.map((locale) => (
            <option key={locale.code} value={locale.code}>
              {locale.name} ({locale.code})
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : venueId ? "Save venue" : "Create venue"}
      </Button>
    </form>
  );
}
