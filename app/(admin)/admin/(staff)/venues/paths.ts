export const venuesPath = "/admin/venues";

export function venuePath(venueId: string): string {
  return `${venuesPath}/${venueId}`;
}

export function connectorPath(venueId: string, connectorId: string): string {
  return `${venuePath(venueId)}/connectors/${connectorId}`;
}

export function newConnectorPath(venueId: string): string {
  return `${venuePath(venueId)}/connectors/new`;
}

export const deliveryPath = "/admin/delivery";

export function gatewayPath(venueId: string, gatewayId: string): string {
  return `${venuePath(venueId)}/gateways/${gatewayId}`;
}

export function newGatewayPath(venueId: string): string {
  return `${venuePath(venueId)}/gateways/new`;
}

export function samlPath(venueId: string): string {
  return `${venuePath(venueId)}/saml`;
}

export function websitesPath(venueId: string): string {
  return `${venuePath(venueId)}/websites`;
}

export function websitePath(venueId: string, serviceProviderId: string): string {
  return `${websitesPath(venueId)}/${serviceProviderId}`;
}
