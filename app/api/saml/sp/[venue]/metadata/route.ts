import { portalRoute, venueNotFoundResponse } from "@/app/(portal)/_portal/portal-route";
import { db } from "@/lib/db";
import { serviceProviderMetadata, spEndpoints, spKeyStore, spOrigin } from "@/lib/saml/sp";

/** The SP metadata for this venue's website to load (docs/SAML-SP.md); its address is also the SP entity ID. */
export const GET = portalRoute(async (request, venueSlug) => {
  const idp = await db.samlIdp.findFirst({ where: { venue: { slug: venueSlug } } });
  if (!idp) return venueNotFoundResponse(request);
  const privateKeyPem = idp.spPrivateKey ? spKeyStore().open(idp.spPrivateKey, idp.id) : null;
  const xml = serviceProviderMetadata(idp, spEndpoints(spOrigin(request), venueSlug), privateKeyPem);
  return new Response(xml, { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "no-store" } });
});
