import Link from "next/link";

import { buttonVariants, Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";

export interface GuestSearchFormProps {
  q: string;
  venue: string;
  venues: { slug: string; name: string }[];
  errors?: { q?: string; venue?: string };
}

/** A plain GET form: the search lives in the URL, works without JavaScript and can be bookmarked. */
export function GuestSearchForm({ q, venue, venues, errors = {} }: GuestSearchFormProps) {
  return (
    <form method="get" action="/admin/guests" role="search" aria-label="Search guests" className="flex flex-wrap items-end gap-4">
      <div className="min-w-64 flex-1">
        <Field id="guest-q" label="Email address" hint="All or part of it; case and spaces do not matter." error={errors.q}>
          <Input
            id="guest-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={320}
            autoComplete="off"
            aria-describedby={errors.q ? "guest-q-hint guest-q-error" : "guest-q-hint"}
            aria-invalid={errors.q ? true : undefined}
          />
        </Field>
      </div>
      <div className="w-56">
        <Field id="guest-venue" label="Visited venue" error={errors.venue}>
          <Select
            id="guest-venue"
            name="venue"
            defaultValue={venue}
            aria-describedby={errors.venue ? "guest-venue-error" : undefined}
            aria-invalid={errors.venue ? true : undefined}
          >
            <option value="">All venues</option>
            {venues.map((v) => (
              <option key={v.slug} value={v.slug}>
                {v.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit">Search</Button>
        {q || venue ? (
          <Link href="/admin/guests" className={buttonVariants({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
