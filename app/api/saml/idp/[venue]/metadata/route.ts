import { portalRoute } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { idpMetadataXml, idpOrigin, idpUrls, publishedCertificates } from "@/lib/saml/idp";
import { findVenueBySlug } from "@/lib/venues/find-venue";

/** The venue's IdP metadata (docs/SAML-IDP.md): public, cacheable for a short while. */
export const GET = portalRoute(async (request, venueSlug) => {
  let venueId: string;
  try {
    venueId = (await findVenueBySlug(db, venueSlug)).id;
  } catch (error) {
    if (isDomainError(error, "venueNotFound")) return new Response("No such venue.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
  const certificates = await publishedCertificates(db, venueId);
  if (certificates.length === 0) {
    return new Response("This venue has no SAML signing key yet: an admin generates one under the venue's websites.\n", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(idpMetadataXml(idpUrls(idpOrigin(request.headers), venueSlug), certificates), {
    headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
});
