import Link from "next/link";

import { venuePath, venuesPath } from "../paths";

/** Venues › <venue>, above every page that edits one part of a venue. */
export function VenueBreadcrumb({ venue }: { venue: { id: string; name: string } }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href={venuesPath} className="text-brand hover:underline">
        Venues
      </Link>
      <span className="mx-2 text-slate-400" aria-hidden>
        ›
      </span>
      <Link href={venuePath(venue.id)} className="text-brand hover:underline">
        {venue.name}
      </Link>
    </nav>
  );
}
