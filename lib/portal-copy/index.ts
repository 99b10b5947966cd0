export { getPublishedPortalCopy } from "./published-copy";
export { portalCopyFieldsSchema, type PortalCopyFields } from "./schemas";
