// Portico as SAML service provider: guests sign in with the venue website's accounts (docs/SAML-SP.md).
export { classifyValidationError, samlFailureReasons, type SamlFailureReason } from "./classify-failure";
export { consumeSamlResponse, type ConsumeResult } from "./consume-response";
export { fetchMetadata, type MetadataFetch } from "./fetch-metadata";
export { describeCertificate, parseIdpMetadata, type IdpMetadata, type SigningCertificate } from "./idp-metadata";
export { generateSamlSpKey, resolveMetadata, saveSamlIdp } from "./manage-idp";
export { samlLoginsPerDevicePerHour, samlLoginsPerVenuePerHour, takeSamlLoginAttempt, type SamlLoginClient } from "./login-rate";
export { mapAttributes } from "./map-attributes";
export { purgeSamlBookkeeping, refreshIdpMetadata } from "./refresh-metadata";
export { attributeMapSchema, defaultAttributeMap, samlIdpFormSchema, samlVenueRefSchema, type AttributeMap } from "./schemas";
export { nameIdFormat } from "./service-provider";
export { spEndpoints, type SpEndpoints } from "./sp-endpoints";
export { spKeyStore } from "./sp-key-store";
export { serviceProviderMetadata } from "./sp-metadata";
export { startSamlLogin } from "./start-login";
export { spOrigin } from "./public-origin";
