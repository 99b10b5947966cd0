// The OpenAPI 3.1 document of API v1, generated from the handlers' zod schemas (lib/api/openapi.ts).
import { openApiDocument } from "@/lib/api/openapi";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
