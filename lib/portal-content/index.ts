export { liveConsentWording, livePortalCopy, type VersionedVenue } from "./live-content";
