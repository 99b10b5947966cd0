// The staff form for a connector's settings and credentials, generated from its zod schemas so
// that a new vendor needs no form of its own. The schema is read through zod's own JSON Schema
// output (input side: defaults make a field optional), never through zod internals. Shared by the
// client form (components/admin/connectors/schema-fields.tsx) and the server action, so no Node
// APIs and no "server-only" here.
//
// Input names are the dotted zod path under a prefix ("settings.fields.0.property"), so an
// issue's path is, almost always, the name of the input to show it on.
import { z } from "zod";
import type { JSONSchema } from "zod/v4/core";

import { joinName } from "./connector-form-values";

export { fieldErrorsFor, joinName, readFormValue } from "./connector-form-values";

/** Settings are shown again; secrets are write-only (password inputs, never filled in). */
export type FormMode = "settings" | "secrets";

export interface FormOption {
  value: string | number | boolean | null;
  label: string;
}

interface FieldBase {
  /** The property name in its parent ("" for the schema itself and for a list's items). */
  key: string;
  label: string;
  hint?: string;
  /** Not optional and without a default: left empty, the schema will refuse it. */
  required: boolean;
  default?: unknown;
  /** Accepts null: a required field left empty is sent as null. */
  nullable?: true;
}

export interface FormVariant {
  value: string | number | boolean | null;
  label: string;
  /** This variant's own fields (the discriminator and fields shared with others left out). */
  fields: FormField[];
  /** The keys of the variants' shared fields this variant has. */
  sharedKeys: string[];
}

export type FormField = FieldBase &
  (
    | { kind: "text" | "url" | "email" | "password" }
    | { kind: "number"; integer: boolean }
    | { kind: "checkbox" }
    | { kind: "select"; options: FormOption[] }
    /** A literal: not shown, always sent. */
    | { kind: "const"; value: string | number | boolean | null }
    /** Strings, one per line in a textarea (secrets: several password inputs of that name). */
    | { kind: "lines"; minItems?: number; maxItems?: number }
    /** record<string, string>: "Name: value", one per line. */
    | { kind: "pairs" }
    /** A list of anything else: one repeated input or group per item, named `<list>.<index>`. */
    | { kind: "rows"; item: FormField; minItems?: number; maxItems?: number }
    | { kind: "group"; fields: FormField[] }
    /** Objects told apart by one literal property: a select for it, then each variant's fields. */
    | { kind: "variants"; discriminator: FormField & { kind: "select" }; shared: FormField[]; variants: FormVariant[] }
  );

const ACRONYMS: Record<string, string> = { url: "URL", api: "API", id: "ID", oauth: "OAuth", os: "OS", ip: "IP", sms: "SMS" };

/** "pullApiBaseUrl" → "Pull API base URL", "privateApp" → "Private app". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  const [first = key, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" ");
}

type Node = JSONSchema.JSONSchema;

interface DescribeContext {
  mode: FormMode;
  defs: Record<string, Node>;
  path: string;
}

/**
 * How to render `schema` as form inputs. Throws (a bug in the connector's schema, caught by
 * its tests) for shapes a form cannot express: tuples, free unions, `z.any()`, dates, cycles.
 */
export function describeSchema(schema: z.ZodType, mode: FormMode = "settings"): FormField {
  const root = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", cycles: "throw" });
  return describeNode(root, "", true, { mode, defs: root.$defs ?? {}, path: "" });
}

function unsupported(context: DescribeContext, what: string): never {
  throw new Error(`The connector form cannot render ${what} at "${context.path || "(root)"}"`);
}

function resolve(node: Node | boolean, context: DescribeContext): Node {
  if (typeof node === "boolean") return unsupported(context, "a boolean schema");
  if (node.$ref === undefined) return node;
  const name = node.$ref.match(/^#\/\$defs\/(.+)$/)?.[1];
  const target = name === undefined ? undefined : context.defs[name];
  if (!target) return unsupported(context, `the reference ${node.$ref}`);
  return { ...target, ...annotations(node) };
}

/** What a wrapper (a reference, `.nullable()`) says about the schema it wraps. */
function annotations({ title, description, default: value }: Node): Node {
  return { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}), ...(value !== undefined ? { default: value } : {}) };
}

/** `T | null` as T: an empty input is then sent as null when the field is required. */
function withoutNull(node: Node): Node {
  if (Array.isArray(node.type) && node.type.includes("null")) {
    const types = node.type.filter((type) => type !== "null");
    return { ...node, type: types.length === 1 ? types[0] : types };
  }
  const members = node.anyOf ?? node.oneOf;
  const rest = members?.filter((member) => member.type !== "null");
  if (members && rest?.length === 1 && members.length === 2) return { ...rest[0], ...annotations(node) };
  return node;
}

function describeNode(raw: Node | boolean, key: string, required: boolean, parent: DescribeContext): FormField {
  const context = { ...parent, path: joinName(parent.path, key) };
  const resolved = resolve(raw, context);
  const node = withoutNull(resolved);
  const base: FieldBase = {
    key,
    label: node.title ?? humanise(key),
    ...(node.description ? { hint: node.description } : {}),
    required: required && node.default === undefined,
    ...(node.default !== undefined ? { default: node.default } : {}),
    ...(node !== resolved ? { nullable: true as const } : {}),
  };
  const members = node.anyOf ?? node.oneOf;
  if (members) return describeUnion(members, base, context);
  if (node.const !== undefined) return { ...base, kind: "const", value: node.const };
  if (node.enum) return { ...base, kind: "select", options: node.enum.map((value) => option(value)) };
  switch (node.type) {
    case "string":
      if (context.mode === "secrets" || node.writeOnly || node.format === "password") return { ...base, kind: "password" };
      return { ...base, kind: node.format === "uri" ? "url" : node.format === "email" ? "email" : "text" };
    case "number":
    case "integer":
      return { ...base, kind: "number", integer: node.type === "integer" };
    case "boolean":
      return { ...base, kind: "checkbox" };
    case "array":
      return describeArray(node, base, context);
    case "object":
      return describeObject(node, base, context);
  }
  return unsupported(context, node.type ? `type ${JSON.stringify(node.type)}` : "a value of any type");
}

function option(value: FormOption["value"], title?: string): FormOption {
  return { value, label: title ?? (typeof value === "string" ? humanise(value) : String(value)) };
}

function describeArray(node: Node, base: FieldBase, context: DescribeContext): FormField {
  if (node.prefixItems || Array.isArray(node.items) || !node.items) return unsupported(context, "a tuple");
  const limits = { ...(node.minItems !== undefined ? { minItems: node.minItems } : {}), ...(node.maxItems !== undefined ? { maxItems: node.maxItems } : {}) };
  const items = withoutNull(resolve(node.items, context));
  if (items.type === "string" && !items.enum && items.const === undefined) return { ...base, kind: "lines", ...limits };
  return { ...base, kind: "rows", item: describeNode(items, "", true, context), ...limits };
}

function describeObject(node: Node, base: FieldBase, context: DescribeContext): FormField {
  if (!node.properties && typeof node.additionalProperties === "object") {
    const values = resolve(node.additionalProperties, context);
    if (values.type !== "string") return unsupported(context, "a record of non-string values");
    return { ...base, kind: "pairs" };
  }
  const required = new Set(node.required ?? []);
  // readOnly (JSON Schema): kept by Portico itself, e.g. a cached access token, never typed by staff.
  const fields = Object.entries(node.properties ?? {})
    .filter(([, property]) => (property as { readOnly?: boolean }).readOnly !== true)
    .map(([key, property]) => describeNode(property, key, required.has(key), context));
  return { ...base, kind: "group", fields };
}

/** Literal unions become selects; unions of objects sharing a literal property become variants. */
function describeUnion(raw: Node[], base: FieldBase, context: DescribeContext): FormField {
  const members = raw.map((member) => withoutNull(resolve(member, context)));
  if (members.every((member) => member.const !== undefined)) {
    return { ...base, kind: "select", options: members.map((member) => option(member.const!, member.title)) };
  }
  const objects = members.map((member) => (member.type === "object" && member.properties ? member.properties : null));
  const discriminator = objects.every(Boolean)
    ? Object.keys(objects[0]!).find((key) => objects.every((properties) => typeof properties![key] === "object" && (properties![key] as Node).const !== undefined))
    : undefined;
  if (!discriminator) return unsupported(context, "a union that is neither literals nor objects told apart by a literal property");

  const described = members.map((member) => describeObject(member, base, context) as FieldBase & { kind: "group"; fields: FormField[] });
  const seen = new Map<string, FormField>();
  const shared = new Map<string, FormField>();
  for (const field of described.flatMap((group) => group.fields)) {
    if (field.key === discriminator) continue;
    const earlier = seen.get(field.key);
    if (earlier && earlier.kind !== field.kind) return unsupported(context, `"${field.key}" with a different kind in two variants`);
    if (earlier) shared.set(field.key, earlier);
    seen.set(field.key, field);
  }
  const variants = described.map((group, index): FormVariant => {
    const tag = group.fields.find((field) => field.key === discriminator) as FieldBase & { kind: "const"; value: FormOption["value"] };
    return {
      value: tag.value,
      label: members[index]!.title ?? option(tag.value).label,
      fields: group.fields.filter((field) => field.key !== discriminator && !shared.has(field.key)),
      sharedKeys: group.fields.filter((field) => shared.has(field.key)).map((field) => field.key),
    };
  });
  const select: FormField & { kind: "select" } = {
    kind: "select",
    key: discriminator,
    label: (objects[0]![discriminator] as Node).title ?? humanise(discriminator),
    required: base.required,
    ...(isRecord(base.default) && discriminator in base.default ? { default: base.default[discriminator] } : {}),
    options: variants.map(({ value, label }) => ({ value, label })),
  };
  return { ...base, kind: "variants", discriminator: select, shared: [...shared.values()], variants };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
