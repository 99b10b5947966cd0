import Link from "next/link";
import { notFound } from "next/navigation";

import { KeyActionForm } from "@/components/admin/saml-idp/key-action-form";
import { WebsiteForm } from "@/components/admin/saml-idp/website-form";
import { RemoveForm } from "@/components/admin/venues/remove-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { portalOrigin } from "@/lib/network/staff/gateway-forms";
import { emailNameIdFormat, idpUrls, listIdpKeys, listServiceProviders } from "@/lib/saml/idp";
import { websiteFormOptions } from "@/lib/saml/idp/website-form-options";

import { websitePath } from "../../paths";
import { VenueBreadcrumb } from "../breadcrumb";
import { activateNextIdpKeyAction, generateIdpKeyAction, registerWebsiteAction, removeWebsiteAction } from "./actions";

const statusTone = { ACTIVE: "success", NEXT: "info", RETIRED: "neutral" } as const;
const dateOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

/** The venue as a SAML identity provider: its addresses, signing keys and registered websites. */
export default async function VenueWebsitesPage({ params }: { params: Promise<{ venueId: string }> }) {
  await requireStaff("samlIdp.manage");
  const { venueId } = await params;
  const venue = await db.venue.findUnique({ where: { id: venueId }, select: { id: true, name: true, slug: true } });
  if (!venue) notFound();
  const [keys, websites, options, origin] = await Promise.all([listIdpKeys(db, venue.id), listServiceProviders(db, venue.id), websiteFormOptions(db, venue.id), portalOrigin()]);
  const urls = idpUrls(new URL(origin).origin, venue.slug);
  const hasActive = keys.some((k) => k.status === "ACTIVE");
  const hasNext = keys.some((k) => k.status === "NEXT");

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={venue} />
      <h1 className="text-2xl font-semibold">Websites — {venue.name}</h1>
      <p className="text-sm text-slate-600">
        Guests who got online here can continue to the venue&apos;s own websites already signed in: Portico is the identity provider (SAML 2.0), each website a
        service provider. See docs/SAML-IDP.md.
      </p>

      <Card>
        <CardHeader>
          <CardTitle>For the website&apos;s admin</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-2 text-sm md:grid-cols-[max-content_1fr]">
            <dt className="font-medium">IdP entity ID and metadata</dt>
            <dd>
              <code data-testid="idp-entity-id">{urls.entityId}</code>
            </dd>
            <dt className="font-medium">Single sign-on (HTTP-Redirect)</dt>
            <dd>
              <code>{urls.ssoUrl}</code>
            </dd>
            <dt className="font-medium">NameID format</dt>
            <dd>
              <code>{emailNameIdFormat}</code> (the guest&apos;s email)
            </dd>
            <dt className="font-medium">Attribute names</dt>
            <dd>
              <code>email</code>, <code>name</code>, <code>phone</code>, <code>locale</code>, <code>consent.&lt;purpose&gt;</code>, <code>visitorData.&lt;namespace&gt;</code>
            </dd>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Signing keys</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            The active key signs every response. To rotate, generate a next key: it is published in the metadata at once; activate it once every website trusts
            it, and the old one is retired.
          </p>
        </CardHeader>
        <CardContent className="space-y-4">
          {keys.length === 0 ? (
            <EmptyState title="No signing key yet">Generate one before registering websites: without it nobody can be signed in.</EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Status</Th>
                  <Th>SHA-256 fingerprint</Th>
                  <Th>Valid until</Th>
                  <Th>Created</Th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <Td>
                      <Badge tone={statusTone[key.status]}>{key.status.toLowerCase()}</Badge>
                    </Td>
                    <Td>
                      <code className="break-all text-xs">{key.fingerprint}</code>
                    </Td>
                    <Td>{dateOf(key.notAfter)}</Td>
                    <Td>{dateOf(key.createdAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <div className="flex flex-wrap gap-4">
            {!hasNext ? (
              <KeyActionForm action={generateIdpKeyAction} venueId={venue.id} label={hasActive ? "Generate next key" : "Generate signing key"} pendingLabel="Generating…" />
            ) : (
              <KeyActionForm action={activateNextIdpKeyAction} venueId={venue.id} label="Activate next key" pendingLabel="Activating…" />
            )}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Registered websites</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          {websites.length === 0 ? (
            <EmptyState title="No website registered">A response goes only to a website registered here.</EmptyState>
          ) : (
            <Table aria-label="Registered websites">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Entity ID</Th>
                  <Th>Consent needed</Th>
                  <Th>Released</Th>
                  <Th>Signed requests</Th>
                  <Th>
                    <span className="sr-only">Remove</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {websites.map((website) => (
                  <tr key={website.id}>
                    <Td>
                      <Link href={websitePath(venue.id, website.id)} className="font-medium text-brand hover:underline">
                        {website.name}
                      </Link>
                    </Td>
                    <Td>
                      <code className="break-all text-xs">{website.entityId}</code>
                    </Td>
                    <Td>
                      <code>{website.purposeKey}</code>
                    </Td>
                    <Td>{["email", ...website.attributes].join(", ")}</Td>
                    <Td>{website.certificatePem ? "required" : "not required"}</Td>
                    <Td>
                      <RemoveForm
                        action={removeWebsiteAction}
                        fields={{ venueId: venue.id, serviceProviderId: website.id }}
                        label={`Remove ${website.name}`}
                        confirmation={`Remove ${website.name}? Guests can no longer continue to it signed in.`}
                      />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <WebsiteForm action={registerWebsiteAction} venueId={venue.id} options={options} />
        </CardContent>
      </Card>
    </div>
  );
}
