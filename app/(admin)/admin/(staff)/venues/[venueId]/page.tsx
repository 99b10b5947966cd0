import { Breadcrumb } from "@/components/ui/breadcrumb";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ConnectorsTable } from "@/components/admin/connectors/connectors-table";
import { GatewaysTable } from "@/components/admin/gateways/gateways-table";
import { AccessPointForm } from "@/components/admin/venues/access-point-form";
import { ConsentPurposes } from "@/components/admin/venues/consent-purposes";
import { DpaNotices } from "@/components/admin/venues/dpa-notices";
import { SponsorForm } from "@/components/admin/venues/sponsor-form";
import { AccessPointsTable, SponsorsTable, ZonesTable } from "@/components/admin/venues/venue-tables";
import { VenueForm } from "@/components/admin/venues/venue-form";
import { WelcomeBackForm } from "@/components/admin/venues/welcome-back-form";
import { ZoneForm } from "@/components/admin/venues/zone-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { listVenueConnectors } from "@/lib/delivery/staff/venue-connectors";
import { randomisedAddressShare } from "@/lib/devices/randomised-share";
import { portalOrigin } from "@/lib/network/staff/gateway-forms";
import { listVenueGateways } from "@/lib/network/staff/manage-gateways";
import { gatewaySplashUrl } from "@/lib/network/staff/splash-url";
import { getRetentionPolicy } from "@/lib/rights/retention";
import { getVenueSetup, venueFormOptions } from "@/lib/venues";
import { dpaNotices } from "@/lib/venues/dpa-expiry";
import { welcomeBackSetting, zeroTapAbilities } from "@/lib/welcome-back/settings";

import { createAccessPointAction, createSponsorAction, createZoneAction, saveWelcomeBackAction, updateVenueAction } from "../actions";
import { connectorPath, gatewayPath, newConnectorPath, newGatewayPath, venuePath, venuesPath, samlPath, websitesPath } from "../paths";

const notices: Record<string, string> = {
  created: "Venue created, with its terms and marketing consent purposes. Add its zones, access points and sponsors below.",
  zone: "Zone removed. Its access points stay registered, without a zone.",
  "access-point": "Access point removed.",
  connector: "Connection removed. What it was still to send was closed as not sent.",
  gateway: "Gateway removed. Journeys and access sessions through it stay on record.",
};

interface VenueProps {
  params: Promise<{ venueId: string }>;
  searchParams: Promise<{ created?: string; removed?: string }>;
}

export default async function VenuePage({ params, searchParams }: VenueProps) {
  const staff = await requireStaff("venues.manage");
  const { venueId } = await params;
  const { created, removed } = await searchParams;
  const setup = await getVenueSetup(db, venueId);
  if (!setup) notFound();
  const { venue, zones, accessPoints, sponsors, purposes, termsReady } = setup;
  const notice = created ? notices.created : removed ? notices[removed] : undefined;
  const base = venuePath(venue.id);
  const connectors = can(staff.role, "connectors.manage") ? await listVenueConnectors(db, staff, venue.id) : null;
  const origin = await portalOrigin();
  const [dpaDue, retention] = await Promise.all([dpaNotices(db, { venueId: venue.id }), can(staff.role, "retention.manage") ? getRetentionPolicy(db, venue.id) : null]);
  const months = (n: number | null | undefined, what: string) => (n ? `${what} after ${n} month${n === 1 ? "" : "s"}` : null);
  const gateways = can(staff.role, "gateways.manage")
    ? (await listVenueGateways(db, staff, venue.id)).map((g) => ({ ...g, splashUrl: gatewaySplashUrl(origin, venue.slug, g.slug) }))
    : null;
  const addresses = gateways ? await randomisedAddressShare(db, venue.id) : null;
  const [welcomeBack, zeroTap] = await Promise.all([welcomeBackSetting(db, venue.id), zeroTapAbilities(db, venue.id)]);

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Venues", href: venuesPath }, { label: venue.name }]} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{venue.name}</h1>
        <Link href={`/p/${venue.slug}`} className="text-sm text-brand hover:underline" target="_blank" rel="noopener">
          Open the guest portal (/p/{venue.slug})
        </Link>
      </div>
      {can(staff.role, "samlIdp.manage") ? (
        <p className="text-sm">
          <Link href={websitesPath(venue.id)} className="text-brand hover:underline">
            Websites guests continue to signed in (SAML)
          </Link>
        </p>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <DpaNotices notices={dpaDue} />

      <Card>
        <CardHeader>
          <CardTitle>Venue details</CardTitle>
        </CardHeader>
        <CardContent>
          <VenueForm
            action={updateVenueAction}
            venueId={venue.id}
            options={venueFormOptions()}
            defaults={{ name: venue.name, slug: venue.slug, timezone: venue.timezone, countryCode: venue.countryCode, locales: venue.locales, defaultLocale: venue.defaultLocale }}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Welcome back</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Returning devices (same WiFi address within the retention window) get one tap instead of the whole sign-in; guests only ever see a masked email.
          </p>
        </CardHeader>
        <CardContent>
          <WelcomeBackForm action={saveWelcomeBackAction} venueId={venue.id} defaults={welcomeBack} gateways={zeroTap} />
        </CardContent>
      </Card>

      {can(staff.role, "retention.manage") ? (
        <Card>
          <CardHeader>
            <CardTitle>Retention</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            <p>
              {retention
                ? [months(retention.guestMonths, "guests anonymised"), months(retention.eventMonths, "raw events deleted"), months(retention.sessionMonths, "network details cleared")]
                    .filter(Boolean)
                    .join("; ") || "A policy that keeps everything."
                : "No retention policy: everything is kept until a guest is erased."}
            </p>
            <Link href={`${base}/retention`} className="text-brand hover:underline">
              Set the retention policy
            </Link>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Consent purposes</CardTitle>
          <p className="mt-1 text-sm text-slate-600">What guests are asked to agree to. The wording itself is legal&apos;s, under Consent wording.</p>
        </CardHeader>
        <CardContent>
          <ConsentPurposes purposes={purposes} locales={venue.locales} defaultLocale={venue.defaultLocale} termsReady={termsReady} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Zones</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          <ZonesTable zones={zones} editHref={(id) => `${base}/zones/${id}`} />
          <ZoneForm action={createZoneAction} venueId={venue.id} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Access points</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          <AccessPointsTable accessPoints={accessPoints} editHref={(id) => `${base}/access-points/${id}`} />
          <AccessPointForm action={createAccessPointAction} venueId={venue.id} zones={zones} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Website sign-in</CardTitle>
          <p className="mt-1 text-sm text-slate-600">Let guests sign in with the venue website&apos;s accounts (SAML), beside email and the guest club.</p>
        </CardHeader>
        <CardContent>
          <Link href={samlPath(venue.id)} className="text-sm text-brand underline">
            Set up website sign-in
          </Link>
        </CardContent>
      </Card>

      {gateways ? (
        <Card>
          <CardHeader>
            <CardTitle>Gateways</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              The controllers that send guests here and let them online once they have signed in. Enter each one&apos;s splash URL on the controller.
            </p>
          </CardHeader>
          <CardContent className="space-y-4">
            <GatewaysTable gateways={gateways} href={(id) => gatewayPath(venue.id, id)} />
            {addresses && addresses.withAddress > 0 ? (
              <p className="text-sm text-slate-600" data-figure="randomised-share">
                Private (randomised) WiFi addresses: {Math.round((addresses.randomised / addresses.withAddress) * 100)}% of the {addresses.withAddress} devices with an
                address seen in the last {addresses.days} days. Guests are counted by their email, not by address.
              </p>
            ) : null}
            <Link href={newGatewayPath(venue.id)} className="inline-flex h-9 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-dark">
              Add a gateway
            </Link>
          </CardContent>
        </Card>
      ) : null}

      {connectors ? (
        <Card>
          <CardHeader>
            <CardTitle>Connections</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              The CRM, newsletter and sponsor webhooks guests are sent to, each only with the consent it needs. See how they are doing under{" "}
              <Link href="/admin/delivery" className="text-brand underline">
                Delivery
              </Link>
              .
            </p>
          </CardHeader>
          <CardContent className="space-y-4">
            <ConnectorsTable connectors={connectors} href={(id) => connectorPath(venue.id, id)} />
            <Link href={newConnectorPath(venue.id)} className="inline-flex h-9 items-center rounded-md bg-brand px-4 text-sm font-medium text-white hover:bg-brand-dark">
              Connect a system
            </Link>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Sponsors</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Guests are offered a sponsor only while it is active, with a data-processing agreement on file and consent wording published by legal.
          </p>
        </CardHeader>
        <CardContent className="space-y-6">
          <SponsorsTable sponsors={sponsors} editHref={(id) => `${base}/sponsors/${id}`} />
          <SponsorForm action={createSponsorAction} venueId={venue.id} />
        </CardContent>
      </Card>
    </div>
  );
}
