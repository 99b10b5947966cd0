import { notFound } from "next/navigation";

import { CopyableText } from "@/components/admin/copyable-text";
import { ButtonForm } from "@/components/admin/delivery/button-form";
import { SamlIdpForm } from "@/components/admin/saml/saml-idp-form";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { portalOrigin } from "@/lib/network/staff/gateway-forms";
import { attributeMapSchema, defaultAttributeMap, describeCertificate, nameIdFormat, spEndpoints } from "@/lib/saml/sp";
import { pemBody } from "@/lib/saml/sp/sp-key-pair";

import { generateSamlSpKeyAction, saveSamlIdpAction } from "../../saml-actions";
import { venuePath, venuesPath } from "../../paths";

export const metadata = { title: "Website sign-in (SAML) · Portico staff" };

export default async function VenueSamlPage({ params }: { params: Promise<{ venueId: string }> }) {
  await requireStaff("venues.manage");
  const { venueId } = await params;
  const venue = await db.venue.findUnique({ where: { id: venueId }, include: { samlIdp: true } }).catch(() => null);
  if (!venue) notFound();
  const idp = venue.samlIdp;
  const sp = spEndpoints(await portalOrigin(), venue.slug);
  const map = attributeMapSchema.safeParse(idp?.attributeMap);
  const attributes = map.success ? map.data : defaultAttributeMap;
  const certificates = (idp?.signingCerts ?? []).map((c) => describeCertificate(c));
  const spCert = idp?.spCertificate ? describeCertificate(pemBody(idp.spCertificate)) : null;

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Venues", href: venuesPath }, { label: venue.name, href: venuePath(venue.id) }, { label: "Website sign-in" }]} />
      <h1 className="text-2xl font-semibold">Website sign-in (SAML)</h1>
      <p className="text-sm text-slate-600">
        Guests sign in with their {venue.name} website account: Portico is a SAML service provider, the website&apos;s identity provider vouches for them. They still
        answer the consent page. See docs/SAML-SP.md.
      </p>
      {idp?.metadataRefreshError ? <Alert tone="danger">The last metadata refresh failed ({idp.metadataRefreshError}); the metadata read before stays in use.</Alert> : null}

      <Card>
        <CardHeader>
          <CardTitle>For the website&apos;s admin</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Register Portico as a service provider with these values, or give them the SP metadata address. Release a persistent NameID and the attributes below.
          </p>
        </CardHeader>
        <CardContent className="space-y-3 text-sm">
          <p>SP entity ID and metadata address</p>
          <CopyableText value={sp.metadataUrl} label="Copy the SP entity ID" />
          <p>Assertion consumer service (HTTP-POST)</p>
          <CopyableText value={sp.acsUrl} label="Copy the ACS address" />
          <p>
            NameID format: <code>{nameIdFormat}</code>
          </p>
          <p>
            Attributes: <code>{[attributes.email, attributes.firstName, attributes.lastName, attributes.phone, ...attributes.visitorDataAttributes].filter(Boolean).join(", ")}</code>
          </p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>The website&apos;s identity provider</CardTitle>
        </CardHeader>
        <CardContent>
          <SamlIdpForm
            action={saveSamlIdpAction}
            venueId={venue.id}
            defaults={{
              displayName: idp?.displayName ?? venue.name,
              metadataUrl: idp?.metadataUrl ?? "",
              metadataXml: idp && !idp.metadataUrl ? idp.metadataXml : "",
              attrEmail: attributes.email,
              attrFirstName: attributes.firstName,
              attrLastName: attributes.lastName,
              attrPhone: attributes.phone,
              visitorDataNamespace: attributes.visitorDataNamespace,
              visitorDataAttributes: attributes.visitorDataAttributes.join(" "),
              enabled: idp?.enabled ?? false,
              signRequests: idp?.signRequests ?? false,
            }}
          />
        </CardContent>
      </Card>

      {idp ? (
        <Card>
          <CardHeader>
            <CardTitle>Read from the metadata</CardTitle>
            <p className="mt-1 text-sm text-slate-600">{idp.metadataRefreshedAt ? `Last read ${idp.metadataRefreshedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.` : null}</p>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            <dl className="grid gap-2 md:grid-cols-[12rem_1fr]">
              <dt className="font-medium">Entity ID</dt>
              <dd data-testid="saml-entity-id" className="break-all">
                {idp.entityId}
              </dd>
              <dt className="font-medium">Single sign-on</dt>
              <dd data-testid="saml-sso-url" className="break-all">
                {idp.ssoUrl}
              </dd>
            </dl>
            <h3 className="font-medium">Signing certificates</h3>
            <ul className="space-y-2" aria-label="Signing certificates">
              {certificates.map((c) => (
                <li key={c.fingerprint} className="rounded border border-slate-200 p-2">
                  <div>{c.subject}</div>
                  <div className="text-slate-600">
                    Valid {c.validFrom} – {c.validTo}
                  </div>
                  <code className="break-all text-xs">SHA-256 {c.fingerprint}</code>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      {idp ? (
        <Card>
          <CardHeader>
            <CardTitle>SP key pair</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Optional: signs AuthnRequests and lets the website encrypt assertions to Portico. The private key is stored sealed with PORTICO_SECRET_KEY and never shown.
            </p>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            {spCert ? (
              <p data-testid="saml-sp-certificate">
                Certificate valid until {spCert.validTo}, SHA-256 <code className="break-all">{spCert.fingerprint}</code>
              </p>
            ) : (
              <p>No key pair yet.</p>
            )}
            <ButtonForm action={generateSamlSpKeyAction} values={{ venueId: venue.id }} name="Generate SP key pair" label={spCert ? "Replace the key pair" : "Generate a key pair"} variant="secondary" />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
