// The API reference, rendered on the server from the OpenAPI document itself: operations by
// tag, their parameters, bodies and answers, with each schema as a readable field list.
type Schema = {
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
};
type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Response = { description: string; content?: Record<string, { schema: Schema }> };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { description?: string; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
export type OpenApiDocument = {
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

function typeOf(schema: Schema): string {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const base = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any JSON");
  if (base === "array" && schema.items) return `array of ${typeOf(schema.items)}`;
  if (base === "object" && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return `map of ${typeOf(schema.additionalProperties)}`;
  }
  return schema.format ? `${base} (${schema.format})` : base;
}

function objectOf(schema: Schema): Schema | undefined {
  if (schema.properties) return schema;
  if (schema.items) return objectOf(schema.items);
  if (typeof schema.additionalProperties === "object") return objectOf(schema.additionalProperties);
  return undefined;
}

function SchemaFields({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.some((v) => v.properties)) {
    return (
      <div className="space-y-2">
        {variants.map((variant, i) => (
          <div key={i}>
            <p className="text-xs text-slate-600">{i === 0 ? "One of:" : "or:"} {variant.description}</p>
            <SchemaFields schema={variant} depth={depth} />
          </div>
        ))}
      </div>
    );
  }
  const object = objectOf(schema);
  if (!object?.properties || depth > 4) return <p className="text-sm"><code>{typeOf(schema)}</code>{schema.description ? ` — ${schema.description}` : ""}</p>;
  return (
    <ul className="space-y-1 border-l border-slate-200 pl-3 text-sm">
      {Object.entries(object.properties).map(([name, property]) => (
        <li key={name}>
          <code className="font-semibold">{name}</code> <code className="text-xs text-slate-600">{typeOf(property)}</code>
          {object.required?.includes(name) ? null : <span className="text-xs text-slate-500"> optional</span>}
          {property.description ? <span className="text-slate-700"> — {property.description}</span> : null}
          {objectOf(property)?.properties ? <SchemaFields schema={property} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

const methodTone: Record<string, string> = { get: "bg-blue-100 text-blue-900", put: "bg-amber-100 text-amber-900", patch: "bg-purple-100 text-purple-900" };

function OperationSection({ path, method, operation, base }: { path: string; method: string; operation: Operation; base: string }) {
  return (
    <section id={operation.operationId} aria-labelledby={`${operation.operationId}-title`} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h3 id={`${operation.operationId}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 font-semibold uppercase ${methodTone[method] ?? ""}`}>{method}</span>
        {base}
        {path}
      </h3>
      <p className="font-medium">{operation.summary}</p>
      {operation.description?.split("\n\n").map((paragraph, i) => (
        <p key={i} className="text-sm text-slate-700">
          {paragraph}
        </p>
      ))}
      {operation.parameters.length > 0 ? (
        <div>
          <h4 className="text-sm font-semibold">Parameters</h4>
          <ul className="space-y-1 text-sm">
            {operation.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-semibold">{p.name}</code> <span className="text-xs text-slate-600">({p.in}{p.required ? ", required" : ""})</span>{" "}
                <code className="text-xs text-slate-600">{typeOf(p.schema)}</code>
                {p.description ? ` — ${p.description}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {operation.requestBody ? (
        <div>
          <h4 className="text-sm font-semibold">Body ({Object.keys(operation.requestBody.content).join(", ")})</h4>
          {operation.requestBody.description ? <p className="text-sm text-slate-700">{operation.requestBody.description}</p> : null}
          <SchemaFields schema={Object.values(operation.requestBody.content)[0]!.schema} />
        </div>
      ) : null}
      <div>
        <h4 className="text-sm font-semibold">Answers</h4>
        <ul className="space-y-2 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => {
            const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
            return (
              <li key={status}>
                <code className="font-semibold">{status}</code> {response.description}
                {type && Number(status) < 400 ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-600">{type}</summary>
                    <SchemaFields schema={media!.schema} />
                  </details>
                ) : type ? (
                  <span className="text-xs text-slate-600"> ({type})</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

export function ApiReference({ document }: { document: OpenApiDocument }) {
  const base = document.servers[0]?.url ?? "";
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const tags = [...new Set(operations.map((o) => o.operation.tags[0] ?? "Other"))];
  return (
    <div className="space-y-8">
      <nav aria-label="Operations" className="text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {operations.map(({ operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`} className="text-brand underline">
                {operation.summary}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
          <h2 id={`tag-${tag}`} className="text-xl font-semibold">
            {tag}
          </h2>
          {operations
            .filter((o) => (o.operation.tags[0] ?? "Other") === tag)
            .map((o) => (
              <OperationSection key={o.operation.operationId} {...o} base={base} />
            ))}
        </section>
      ))}
    </div>
  );
}
