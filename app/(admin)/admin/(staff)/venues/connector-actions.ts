"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import { connectorSecretStore } from "@/lib/delivery/secret-store";
import type { ConnectorFormState } from "@/lib/delivery/staff/connector-form-state";
import {
  connectorOfKind,
  createConnector,
  deleteConnector,
  setConnectorPaused,
  testConnection,
  updateConnector,
} from "@/lib/delivery/staff/manage-connectors";
import { connectorCreateSchema, connectorRefSchema, connectorUpdateSchema } from "@/lib/delivery/staff/schemas";
import { readPostedVendor } from "@/lib/delivery/vendor-input";
import { staffMessage } from "@/lib/staff/messages";
import { staffAction, type StaffActionContext } from "@/lib/staff/staff-action";

import { connectorPath, deliveryPath, venuePath } from "./paths";

const actorOf = ({ actor, ip }: StaffActionContext) => ({ id: actor.id, role: actor.role, ip });

function refresh(venueId: string, connectorId?: string) {
  revalidatePath(venuePath(venueId));
  revalidatePath(deliveryPath);
  if (connectorId) revalidatePath(connectorPath(venueId, connectorId));
}

/** A vendor's settings and credentials from the posted form, or the form back with its field errors. */
function readVendor(kind: string, formData: FormData, common: Record<string, string>): { settings: unknown; secrets: unknown } | ConnectorFormState {
  const posted = readPostedVendor(connectorOfKind(kind), formData);
  if (!posted.ok) return { status: "error", message: staffMessage("invalidFields"), fieldErrors: posted.fieldErrors, values: common, settingsValues: posted.settings };
  return { settings: posted.settings, secrets: posted.secrets };
}

const isState = (value: object): value is ConnectorFormState => "status" in value;

export const createConnectorAction = staffAction("connectors.manage", connectorCreateSchema, async (input, context): Promise<ConnectorFormState> => {
  const common = { name: input.name, purposeId: input.purposeId, batchWaitSeconds: String(input.batchWaitSeconds) };
  const vendor = readVendor(input.kind, context.formData, common);
  if (isState(vendor)) return vendor;
  const connector = connectorOfKind(input.kind);
  if (vendor.secrets === undefined && !connector.generateSecrets) {
    return { status: "error", message: staffMessage("connectorSecretsRequired"), fieldErrors: { secrets: [staffMessage("connectorSecretsRequired")] }, values: common, settingsValues: vendor.settings };
  }
  const created = await createConnector(db, actorOf(context), connectorSecretStore(), { ...input, ...vendor });
  refresh(input.venueId, created.connector.id);
  const href = connectorPath(input.venueId, created.connector.id);
  if (created.generatedSecrets === undefined) redirect(`${href}?created=1`);
  return {
    status: "ok",
    message: `${created.connector.name} is connected. Portico created its credentials: copy them now, they are never shown again.`,
    reveal: revealed(created.generatedSecrets),
    href,
  };
});

/** Generated credentials as label/value pairs (a list of signing secrets becomes one line each). */
function revealed(secrets: unknown): { label: string; value: string }[] {
  return Object.entries(secrets as Record<string, unknown>).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => ({ label: key, value: String(item) })),
  );
}

export const updateConnectorAction = staffAction("connectors.manage", connectorUpdateSchema, async (input, context): Promise<ConnectorFormState> => {
  const stored = await db.connector.findFirst({ where: { id: input.connectorId, venueId: input.venueId }, select: { kind: true } });
  if (!stored) return { status: "error", message: staffMessage("connectorGone") };
  const common = { name: input.name, batchWaitSeconds: String(input.batchWaitSeconds) };
  const vendor = readVendor(stored.kind, context.formData, common);
  if (isState(vendor)) return vendor;
  const row = await updateConnector(db, actorOf(context), connectorSecretStore(), { ...input, ...vendor });
  refresh(input.venueId, row.id);
  return { status: "ok", message: vendor.secrets === undefined ? `Saved ${row.name}. Its credentials were kept.` : `Saved ${row.name}, with the new credentials.`, settingsValues: JSON.parse(JSON.stringify(row.settings)) as unknown };
});

export const pauseConnectorAction = staffAction("connectors.manage", connectorRefSchema, async (input, context) => {
  const row = await setConnectorPaused(db, actorOf(context), { ...input, paused: true });
  refresh(input.venueId, row.id);
  return { status: "ok", message: `${row.name} is paused. New guests wait in its queue until it is resumed.` };
});

export const resumeConnectorAction = staffAction("connectors.manage", connectorRefSchema, async (input, context) => {
  const row = await setConnectorPaused(db, actorOf(context), { ...input, paused: false });
  refresh(input.venueId, row.id);
  return { status: "ok", message: `${row.name} is active again: what waited goes out now.` };
});

export const deleteConnectorAction = staffAction("connectors.manage", connectorRefSchema, async (input, context) => {
  await deleteConnector(db, actorOf(context), input);
  refresh(input.venueId);
  redirect(`${venuePath(input.venueId)}?removed=connector`);
});

export const testConnectorAction = staffAction("connectors.manage", connectorRefSchema, async (input, context): Promise<ConnectorFormState> => {
  const check = await testConnection(db, actorOf(context), connectorSecretStore(), input);
  refresh(input.venueId, input.connectorId);
  return check.ok ? { status: "ok", message: `The connection works: ${check.detail}`, check } : { status: "error", message: `The connection does not work: ${check.error}`, check };
});
