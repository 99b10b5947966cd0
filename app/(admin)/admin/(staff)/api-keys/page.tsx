import type { Metadata } from "next";
import Link from "next/link";

import { NewApiKeyForm } from "@/components/admin/api-keys/new-api-key-form";
import { RevokeApiKeyForm } from "@/components/admin/api-keys/revoke-api-key-form";
import { formatWhen } from "@/components/admin/format-when";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { apiKeyVenueOptions, listApiKeys, type ApiKeyListItem } from "@/lib/api-keys";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";

import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys · Portico" };

function status(key: ApiKeyListItem, now: Date) {
  if (key.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (key.expiresAt && key.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export default async function ApiKeysPage() {
  const actor = await requireStaff("apiKeys.manage");
  const [keys, venues] = await Promise.all([listApiKeys(db, actor), apiKeyVenueOptions(db, actor)]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="mt-1 text-sm text-slate-600">
          Keys let a venue&apos;s own systems read guests and events and write their visitor data through API v1. Read the{" "}
          <Link href="/admin/api-keys/reference" className="text-brand underline">
            API reference
          </Link>{" "}
          (also at <code>/api/v1/openapi.json</code>).
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Create a key</CardTitle>
        </CardHeader>
        <CardContent>
          <NewApiKeyForm action={createApiKeyAction} venues={venues} />
        </CardContent>
      </Card>
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" />
      ) : (
        <Table>
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Venue</Th>
              <Th>Scopes</Th>
              <Th>Writes</Th>
              <Th>Status</Th>
              <Th>Last used</Th>
              <Th>
                <span className="sr-only">Changes</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-api-key={key.prefix}>
                <Td className="font-medium">{key.name}</Td>
                <Td>
                  <code className="text-xs">{key.prefix}…</code>
                </Td>
                <Td>{key.venue?.name ?? "Every venue"}</Td>
                <Td className="text-xs">{key.scopes.join(", ")}</Td>
                <Td className="text-xs">{key.namespaces.length ? key.namespaces.join(", ") : "—"}</Td>
                <Td>
                  {status(key, now)}
                  {key.expiresAt && !key.revokedAt ? <div className="text-xs text-slate-600">until {formatWhen(key.expiresAt)}</div> : null}
                </Td>
                <Td className="whitespace-nowrap">{key.lastUsedAt ? formatWhen(key.lastUsedAt) : "Never"}</Td>
                <Td>{key.revokedAt ? null : <RevokeApiKeyForm action={revokeApiKeyAction} apiKeyId={key.id} name={key.name} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
