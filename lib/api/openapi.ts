// The OpenAPI 3.1 document, generated from the routes' own zod schemas with zod's
// z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
import { z } from "zod";

import { apiScopeDescriptions, apiScopes } from "@/lib/api-keys/scopes";

import { problemContentType, problemSchema, problemTypes, type ProblemType } from "./problem";
import { maxBodyBytes, maxJsonDepth } from "./read-body";
import type { ApiRouteSpec } from "./route-spec";
import { apiRoutes } from "./routes";

export const apiBasePath = "/api/v1";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Each schema sits inside the document, which names the dialect once (jsonSchemaDialect).
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const problem = (description: string) => ({ description, content: { [problemContentType]: { schema: jsonSchema(problemSchema, "output") } } });
const rateHeaders = {
  "RateLimit-Limit": { description: "Requests this key may make per minute", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left right now", schema: { type: "integer" } },
};

function responsesOf(route: ApiRouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const headers = { ...rateHeaders, ...Object.fromEntries(Object.entries(spec.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: "string" } }])) };
    if (Number(status) >= 400) responses[status] = { ...problem(spec.description), headers };
    else responses[status] = { description: spec.description, headers, ...(spec.schema ? { content: { "application/json": { schema: jsonSchema(spec.schema, "output") } } } : {}) };
  }
  if (route.query || route.body) responses["400"] ??= problem(problemTypes.invalidRequest.title);
  responses["401"] = { ...problem(problemTypes.unauthorized.title), headers: { "WWW-Authenticate": { schema: { type: "string" } } } };
  responses["403"] ??= problem(problemTypes.forbidden.title);
  responses["429"] = { ...problem(problemTypes.rateLimited.title), headers: { ...rateHeaders, "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } };
  responses["500"] = problem(problemTypes.internal.title);
  return responses;
}

function operationOf(route: ApiRouteSpec): JsonSchema {
  const scopes = route.scopes === "any" ? [] : [...route.scopes];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, scopes.length ? `Needs the ${scopes.map((s) => `\`${s}\``).join(" or ")} scope.` : "Any live key."].filter(Boolean).join("\n\n"),
    tags: [route.tag],
    security: [{ apiKey: scopes }],
    "x-portico-scopes": scopes,
    parameters: [
      ...parametersOf(route.params, "path"),
      ...parametersOf(route.query, "query"),
      ...Object.entries(route.requestHeaders ?? {}).map(([name, [required, description]]) => ({ name, in: "header", required, description, schema: { type: "string" } })),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            description: `${route.body.description}. At most ${maxBodyBytes} bytes, nested at most ${maxJsonDepth} levels.`,
            content: Object.fromEntries(route.body.contentTypes.map((type) => [type, { schema: jsonSchema(route.body!.schema, "input") }])),
          },
        }
      : {}),
    responses: responsesOf(route),
  };
}

/** The document served at /api/v1/openapi.json and rendered by the staff reference page. */
export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of Object.values(apiRoutes) as ApiRouteSpec[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Portico API",
      version: "1.0.0",
      description:
        "Guests, consent, visits, events and visitor data of the venues an API key reaches. Errors are RFC 9457 problem details (" +
        (Object.keys(problemTypes) as ProblemType[]).join(", ") +
        "). See docs/API.md for pagination, sync and rate limits.",
    },
    servers: [{ url: apiBasePath }],
    tags: [...new Set((Object.values(apiRoutes) as ApiRouteSpec[]).map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "ptk_<key id>_<secret>",
          description: `API keys are created by admins in the staff area. Scopes: ${apiScopes.map((s) => `${s} (${apiScopeDescriptions[s]})`).join("; ")}.`,
        },
      },
    },
  };
}
