// Portico as SAML identity provider for a venue's own websites (docs/SAML-IDP.md).
export { checkAuthnRequest, answerWebsite, guestUnknown, venueHasWebsites, findWebsite, websitesForGuest, type RegisteredWebsite, type SsoAnswer, type SsoRefusal } from "./single-sign-on";
export { identifyByJourneyToken, identifyBySession, guestSessionValue, type IdentifiedGuest } from "./identify-guest";
export { guestSessionHeader, readGuestSessionCookie } from "./guest-session";
export { idpBasePath, idpOrigin, idpUrls, type IdpUrls } from "./idp-urls";
export { idpMetadataXml } from "./metadata";
export { activateNextIdpKey, generateIdpKey, listIdpKeys, publishedCertificates, resealIdpKeys, type IdpKeySummary } from "./signing-keys";
export { listServiceProviders, registerServiceProvider, removeServiceProvider, updateServiceProvider, type ServiceProviderListing } from "./service-providers";
export { emailNameIdFormat } from "./saml-response";
