import { notFound } from "next/navigation";

import { CopyableText } from "@/components/admin/copyable-text";
import { ButtonForm } from "@/components/admin/delivery/button-form";
import { GatewayForm } from "@/components/admin/gateways/gateway-form";
import { TierLimitsForm } from "@/components/admin/gateways/tier-limits-form";
import { WalledGardenForm } from "@/components/admin/gateways/walled-garden-form";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { accessMinutesByMethod } from "@/lib/journeys/access-policy";
import { gatewayVendorForm, portalOrigin } from "@/lib/network/staff/gateway-forms";
import { gatewaySplashUrl } from "@/lib/network/staff/splash-url";
import { readStoredTierLimits, tierLimitsFormValues } from "@/lib/network/tier-limits";
import { gatewayWalledGarden } from "@/lib/network/walled-garden/gateway-walled-garden";

import { deleteGatewayAction, updateGatewayAction, updateGatewayTiersAction, updateGatewayWalledGardenAction } from "../../../gateway-actions";
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
  const origin = await portalOrigin();
  const splashUrl = gatewaySplashUrl(origin, gateway.venue.slug, gateway.slug);
  const walledGarden = await gatewayWalledGarden(db, gateway, origin);
  const checkUrl = new URL(`p/${encodeURIComponent(gateway.venue.slug)}/network-check?gw=${encodeURIComponent(gateway.slug)}`, origin.endsWith("/") ? origin : `${origin}/`).toString();
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
          <CardTitle>Walled garden</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            What a device must reach before it is let on, worked out from this Portico&apos;s address, the venue&apos;s ways of signing in and the extra hosts below.
          </p>
        </CardHeader>
        <CardContent className="space-y-4">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {walledGarden.entries.map((entry) => (
              <li key={`${entry.host}:${entry.port}`}>
                <code>
                  {entry.host}:{entry.port}
                </code>{" "}
                <span className="text-slate-600">· {entry.why}</span>
              </li>
            ))}
          </ul>
          {walledGarden.config ? (
            <div className="space-y-2">
              <h3 className="text-sm font-medium">{walledGarden.config.where}</h3>
              {walledGarden.config.text ? (
                <pre className="overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs select-all" aria-label={`Walled garden for ${vendor?.label ?? gateway.kind}`}>
                  {walledGarden.config.text}
                </pre>
              ) : null}
              <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
                {walledGarden.config.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="space-y-1">
            <h3 className="text-sm font-medium">Check it from a device</h3>
            <p className="text-sm text-slate-600">Open this on the guest network before signing in: it asks for every host above from the device and says what it could not reach.</p>
            <CopyableText value={checkUrl} label={`Copy the walled-garden check of ${gateway.name}`} />
          </div>
          <WalledGardenForm action={updateGatewayWalledGardenAction} venueId={venueId} gatewayId={gateway.id} hosts={gateway.walledGardenHosts ?? []} />
        </CardContent>
      </Card>

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
