/** A venue's colours and background image, as validated by lib/portal-copy/schemas.ts. */
export interface VenueLook {
  primaryColor: string;
  backgroundColor: string;
  backgroundImageUrl?: string;
}

/**
 * The venue's look as one CSS rule appended to the portal stylesheet (not a style attribute,
 * so a strict Content-Security-Policy can cover it). The values are safe to interpolate: the
 * copy schema only admits #rrggbb colours and Portico's own /assets/<uuid> paths.
 */
export function venueLookRule(look: VenueLook): string {
  const background = look.backgroundImageUrl ? `;background-image:url("${look.backgroundImageUrl}")` : "";
  return `.portal{--brand:${look.primaryColor};--page:${look.backgroundColor}${background}}`;
}
