import { notFound } from "next/navigation";

import { CopyableText } from "@/components/admin/copyable-text";
import { ButtonForm } from "@/components/admin/delivery/button-form";
import { GatewayForm } from "@/components/admin/gateways/gateway-form";
import { TierLimitsForm } from "@/components/admin/gateways/tier-limits-form";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { accessMinutesByMethod } from "@/lib/journeys/access-policy";
import { gatewayVendorForm, portalOrigin } from "@/lib/network/staff/gateway-forms";
import { gatewaySplashUrl } from "@/lib/network/staff/splash-url";
import { readStoredTierLimits, tierLimitsFormValues } from "@/lib/network/tier-limits";

import { deleteGatewayAction, updateGatewayAction, updateGatewayTiersAction } from "../../../gateway-actions";
import { venuePath, venuesPath } from "../../../paths";

export const metadata = { title: "Gateway · Portico staff" };

interface GatewayPageProps {
  params: Promise<{ venueId: string; gatewayId: string }>;
  searchParams: Promise<{ created?: string }>;
}

export default async function GatewayPage({ params, searchParams }: GatewayPageProps) {
  await requireStaff("gateways.manage");
  const { venueId, gatewayId } = await params;
  const { created } = await searchParams;
  const gateway = await db.gateway.findFirst({ where: { id: gatewayId, venueId }, include: { venue: { select: { name: true, slug: true } } } }).catch(() => null);
  if (!gateway) notFound();
  const vendor = gatewayVendorForm(gateway.kind);
  const splashUrl = gatewaySplashUrl(await portalOrigin(), gateway.venue.slug, gateway.slug);
  const ref = { venueId, gatewayId: gateway.id };

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Venues", href: venuesPath }, { label: gateway.venue.name, href: venuePath(venueId) }, { label: gateway.name }]} />
      <h1 className="text-2xl font-semibold">{gateway.name}</h1>
      <p className="text-sm text-slate-600">
        {vendor?.label ?? gateway.kind} at {gateway.venue.name}
      </p>
      {created ? <Alert tone="success">Gateway added. Enter its splash URL on the controller so guests are sent to Portico.</Alert> : null}
      {!vendor ? <Alert tone="danger">This Portico has no gateway adapter of kind “{gateway.kind}”, so guests cannot be let online through it.</Alert> : null}

      <Card>
        <CardHeader>
          <CardTitle>Splash URL</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Enter this on the controller as its captive portal (external splash page) address. A venue with one gateway also works without the{" "}
            <code>gw</code> parameter.
          </p>
        </CardHeader>
        <CardContent>
          <CopyableText value={splashUrl} label={`Copy the splash URL of ${gateway.name}`} />
        </CardContent>
      </Card>

      {vendor ? (
        <Card>
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <GatewayForm
              action={updateGatewayAction}
              venueId={venueId}
              vendor={vendor}
              gateway={{
                id: gateway.id,
                name: gateway.name,
                slug: gateway.slug,
                // A plain copy: the JSON column's objects are not plain enough for a client component.
                settings: JSON.parse(JSON.stringify(gateway.settings)) as unknown,
                credentialsStored: gateway.secrets !== null,
              }}
            />
          </CardContent>
        </Card>
      ) : null}

      {vendor ? (
        <Card>
          <CardHeader>
            <CardTitle>Access tiers</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Bandwidth and a data allowance for each way of signing in; leave a field blank for no limit. openNDS, UniFi and RADIUS-backed gateways
              (MikroTik; WISPr attributes where the controller honours them) enforce them. Meraki click-through does not: use its group policies.
            </p>
          </CardHeader>
          <CardContent>
            <TierLimitsForm
              action={updateGatewayTiersAction}
              venueId={venueId}
              gatewayId={gateway.id}
              values={tierLimitsFormValues(readStoredTierLimits(gateway.tierLimits))}
              minutes={accessMinutesByMethod}
            />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Remove</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Guests&apos; journeys and access sessions through it stay on record, without it. While the venue has other gateways, sign-ins that name this one (?gw={gateway.slug}) are refused.
          </p>
        </CardHeader>
        <CardContent>
          <ButtonForm name="Remove this gateway" action={deleteGatewayAction} values={ref} label="Remove this gateway" variant="destructive" />
        </CardContent>
      </Card>
    </div>
  );
}
