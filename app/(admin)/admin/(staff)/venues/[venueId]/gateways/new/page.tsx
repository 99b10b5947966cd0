import Link from "next/link";
import { notFound } from "next/navigation";

import { GatewayForm } from "@/components/admin/gateways/gateway-form";
import { VendorPicker } from "@/components/admin/vendor-picker";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { gatewayVendorForm, listGatewayVendors } from "@/lib/network/staff/gateway-forms";

import { createGatewayAction } from "../../../gateway-actions";
import { newGatewayPath, venuePath, venuesPath } from "../../../paths";

export const metadata = { title: "Add a gateway · Portico staff" };

interface NewGatewayProps {
  params: Promise<{ venueId: string }>;
  searchParams: Promise<{ kind?: string }>;
}

export default async function NewGatewayPage({ params, searchParams }: NewGatewayProps) {
  await requireStaff("gateways.manage");
  const { venueId } = await params;
  const { kind } = await searchParams;
  const venue = await db.venue.findUnique({ where: { id: venueId }, select: { id: true, name: true } }).catch(() => null);
  if (!venue) notFound();
  const vendor = kind ? gatewayVendorForm(kind) : null;
  const crumbs = [{ label: "Venues", href: venuesPath }, { label: venue.name, href: venuePath(venue.id) }, { label: "Add a gateway" }];

  return (
    <div className="space-y-6">
      <Breadcrumb items={crumbs} />
      <h1 className="text-2xl font-semibold">{vendor ? `Add ${vendor.label}` : "Add a gateway"}</h1>
      {vendor ? (
        <Card>
          <CardHeader>
            <CardTitle>
              {vendor.label} for {venue.name}
            </CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Once it is saved, Portico shows the splash URL to enter on the controller.{" "}
              <Link href={newGatewayPath(venue.id)} className="text-brand underline">
                Choose another gateway
              </Link>
            </p>
          </CardHeader>
          <CardContent>
            <GatewayForm action={createGatewayAction} venueId={venue.id} vendor={vendor} />
          </CardContent>
        </Card>
      ) : (
        <VendorPicker
          title="Which gateway or controller?"
          unknownNotice={kind ? `This Portico cannot work with “${kind}”. Choose one of these.` : null}
          vendors={listGatewayVendors()}
          hrefFor={(each) => `${newGatewayPath(venue.id)}?kind=${each}`}
        />
      )}
    </div>
  );
}
