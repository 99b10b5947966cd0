import { notFound } from "next/navigation";

import { WebsiteForm } from "@/components/admin/saml-idp/website-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listServiceProviders } from "@/lib/saml/idp";
import { websiteFormOptions } from "@/lib/saml/idp/website-form-options";

import { VenueBreadcrumb } from "../../breadcrumb";
import { updateWebsiteAction } from "../actions";

/** One registered website's settings, changed in place (audited before and after). */
export default async function WebsitePage({ params }: { params: Promise<{ venueId: string; serviceProviderId: string }> }) {
  await requireStaff("samlIdp.manage");
  const { venueId, serviceProviderId } = await params;
  const venue = await db.venue.findUnique({ where: { id: venueId }, select: { id: true, name: true, slug: true } });
  if (!venue) notFound();
  const [websites, options] = await Promise.all([listServiceProviders(db, venue.id), websiteFormOptions(db, venue.id)]);
  const website = websites.find((w) => w.id === serviceProviderId);
  if (!website) notFound();

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={venue} />
      <h1 className="text-2xl font-semibold">Website: {website.name}</h1>
      <Card>
        <CardHeader>
          <CardTitle>Registration</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Changes apply from the next sign-in. A new certificate or address takes over at once: agree the moment with the website&apos;s admin.
          </p>
        </CardHeader>
        <CardContent>
          <WebsiteForm action={updateWebsiteAction} venueId={venue.id} options={options} website={website} />
        </CardContent>
      </Card>
    </div>
  );
}
