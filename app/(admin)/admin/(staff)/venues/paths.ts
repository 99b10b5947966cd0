export const venuesPath = "/admin/venues";

export function venuePath(venueId: string): string {
  return `${venuesPath}/${venueId}`;
}
