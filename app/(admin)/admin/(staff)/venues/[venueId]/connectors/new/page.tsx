import Link from "next/link";
import { notFound } from "next/navigation";

import { ConnectorForm } from "@/components/admin/connectors/connector-form";
import { VendorPicker } from "@/components/admin/vendor-picker";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listVendors, vendorForm } from "@/lib/delivery/staff/vendor-forms";

import { createConnectorAction } from "../../../connector-actions";
import { newConnectorPath, venuePath, venuesPath } from "../../../paths";

export const metadata = { title: "Connect a system · Portico staff" };

interface NewConnectorProps {
  params: Promise<{ venueId: string }>;
  searchParams: Promise<{ kind?: string }>;
}

export default async function NewConnectorPage({ params, searchParams }: NewConnectorProps) {
  await requireStaff("connectors.manage");
  const { venueId } = await params;
  const { kind } = await searchParams;
  const venue = await db.venue.findUnique({
    where: { id: venueId },
    include: { consentPurposes: { where: { kind: { not: "TERMS" } }, orderBy: { position: "asc" }, include: { sponsor: { select: { name: true } } } } },
  });
  if (!venue) notFound();
  const vendor = kind ? vendorForm(kind) : null;
  const crumbs = [{ label: "Venues", href: venuesPath }, { label: venue.name, href: venuePath(venue.id) }, { label: "Connect a system" }];

  return (
    <div className="space-y-6">
      <Breadcrumb items={crumbs} />
      <h1 className="text-2xl font-semibold">{vendor ? `Connect ${vendor.label}` : "Connect a system"}</h1>
      {vendor ? (
        <Card>
          <CardHeader>
            <CardTitle>{vendor.label} for {venue.name}</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Guests are sent only after they consent, only with the fields that consent covers, and never those who ticked nothing.{" "}
              <Link href={newConnectorPath(venue.id)} className="text-brand underline">
                Choose another system
              </Link>
            </p>
          </CardHeader>
          <CardContent>
            <ConnectorForm
              action={createConnectorAction}
              venueId={venue.id}
              vendor={vendor}
              purposes={venue.consentPurposes.map((p) => ({ id: p.id, label: p.kind === "MARKETING" ? "Marketing (the venue's own tools)" : `Sponsor: ${p.sponsor?.name ?? p.key}` }))}
            />
          </CardContent>
        </Card>
      ) : (
        <VendorPicker
          title="Which system?"
          unknownNotice={kind ? `This Portico cannot send to “${kind}”. Choose one of these.` : null}
          vendors={listVendors()}
          hrefFor={(each) => `${newConnectorPath(venue.id)}?kind=${each}`}
        />
      )}
    </div>
  );
}
