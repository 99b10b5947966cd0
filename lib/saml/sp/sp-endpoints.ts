// The service provider's addresses for one venue. The metadata address doubles as the SP's
// entity ID (the usual convention: an IdP admin can open it to read the rest).
export interface SpEndpoints {
  entityId: string;
  metadataUrl: string;
  loginUrl: string;
  acsUrl: string;
}

export function spEndpoints(origin: string, venueSlug: string): SpEndpoints {
  const base = `${origin.replace(/\/+$/, "")}/api/saml/sp/${encodeURIComponent(venueSlug)}`;
  return { entityId: `${base}/metadata`, metadataUrl: `${base}/metadata`, loginUrl: `${base}/login`, acsUrl: `${base}/acs` };
}
