export { findVenueBySlug } from "./find-venue";
