import { Breadcrumb } from "@/components/ui/breadcrumb";

import { venuePath, venuesPath } from "../paths";

/** Venues › <venue>, above every page that edits one part of a venue. */
export function VenueBreadcrumb({ venue }: { venue: { id: string; name: string } }) {
  return (
    <Breadcrumb
      items={[
        { label: "Venues", href: venuesPath },
        { label: venue.name, href: venuePath(venue.id) },
      ]}
    />
  );
}
