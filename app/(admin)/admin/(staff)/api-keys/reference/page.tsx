import type { Metadata } from "next";

import { ApiReference, type OpenApiDocument } from "@/components/admin/api-keys/api-reference";
import { openApiDocument } from "@/lib/api/openapi";
import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference · Portico" };

export default async function ApiReferencePage() {
  await requireStaff();
  const document = openApiDocument() as unknown as OpenApiDocument;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">
          {document.info.title} {document.info.version}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{document.info.description}</p>
        <p className="mt-1 text-sm text-slate-600">
          The machine-readable document: <a className="text-brand underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          Authenticate with <code>Authorization: Bearer ptk_…</code>.
        </p>
      </div>
      <ApiReference document={document} />
    </div>
  );
}
