import type { Connector, ConnectorKind } from "../connector";
import { brevoConnector } from "./brevo";
import { hubspotConnector } from "./hubspot";
import { mailchimpConnector } from "./mailchimp";
import { salesforceConnector } from "./salesforce";
import { webhookConnector } from "./webhook";

/**
 * Every vendor Portico can deliver to. Adding one is one module in this folder and one line
 * here; the staff area, the worker and erasure find it through this table.
 */
export const connectorRegistry: Partial<Record<ConnectorKind, Connector>> = {
  hubspot: hubspotConnector,
  salesforce: salesforceConnector,
  mailchimp: mailchimpConnector,
  brevo: brevoConnector,
  webhook: webhookConnector,
};
