// The way back from a generated connector form (./connector-form.ts): the posted FormData read
// into the value its schema parses, and the schema's issues placed on the inputs they are about.
import type { z } from "zod";

import type { FormField, FormMode } from "./connector-form";

/** The input name of `key` under `parent` ("" keys are the parent itself). */
export function joinName(parent: string, key: string | number): string {
  if (key === "") return parent;
  return parent === "" ? String(key) : `${parent}.${key}`;
}

interface ReadContext {
  formData: FormData;
  /** Whether anything was typed (not just chosen): secrets left wholly blank are kept as they are. */
  typed: boolean;
}

/**
 * The value the inputs rendered for `field` under `prefix` posted, shaped for the schema to
 * parse: empty optional inputs left out (so defaults apply), blank list rows dropped, only the
 * chosen variant read. Secrets mode answers `undefined` when no secret was typed at all,
 * meaning "keep the stored credentials".
 */
export function readFormValue(field: FormField, formData: FormData, prefix: string, mode: FormMode = "settings"): unknown {
  const context: ReadContext = { formData, typed: false };
  const value = read(field, prefix, context);
  return mode === "secrets" && !context.typed ? undefined : value;
}

function single(context: ReadContext, name: string): string {
  const value = context.formData.get(name);
  return typeof value === "string" ? value.trim() : "";
}

function lines(context: ReadContext, name: string): string[] {
  return context.formData
    .getAll(name)
    .flatMap((value) => (typeof value === "string" ? value.split(/\r?\n/) : []))
    .map((line) => line.trim())
    .filter(Boolean);
}

/** An empty required input: null where allowed, "" for strings so the schema's own rule speaks. */
function empty(field: FormField, asString: boolean): unknown {
  if (!field.required) return undefined;
  if (field.nullable) return null;
  return asString ? "" : undefined;
}

function read(field: FormField, name: string, context: ReadContext): unknown {
  switch (field.kind) {
    case "text":
    case "url":
    case "email":
    case "password":
    case "number": {
      const value = single(context, name);
      if (value === "") return empty(field, field.kind !== "number");
      context.typed = true;
      return field.kind === "number" ? Number(value) : value;
    }
    case "checkbox":
      return context.formData.has(name);
    case "select": {
      const value = single(context, name);
      if (value === "") return empty(field, true);
      return field.options.find((option) => String(option.value) === value)?.value ?? value;
    }
    case "const":
      return field.required ? field.value : undefined;
    case "lines": {
      const items = lines(context, name);
      if (items.length === 0) return field.required ? [] : undefined;
      context.typed = true;
      return items;
    }
    case "pairs": {
      const items = lines(context, name);
      if (items.length === 0) return field.required ? {} : undefined;
      context.typed = true;
      // A line without ":" stays a key without a value, for the schema to refuse.
      return Object.fromEntries(items.map((line) => (line.includes(":") ? [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()] : [line, undefined])));
    }
    case "group": {
      const value = readFields(field.fields, name, context);
      if (!isBlank(value)) return value;
      return field.required ? (field.nullable ? null : value) : undefined;
    }
    case "rows": {
      const items = rowIndexes(context.formData, name)
        .map((index) => read(field.item, `${name}.${index}`, context))
        .filter((item) => !isBlank(item));
      return items.length > 0 || field.required ? items : undefined;
    }
    case "variants": {
      const key = field.discriminator.key;
      const chosen = single(context, joinName(name, key));
      const variant = field.variants.find((candidate) => String(candidate.value) === chosen);
      if (!variant) return chosen === "" && !field.required ? undefined : { [key]: chosen };
      const shared = field.shared.filter((candidate) => variant.sharedKeys.includes(candidate.key));
      return { [key]: variant.value, ...readFields(shared, name, context), ...readFields(variant.fields, name, context) };
    }
  }
}

function readFields(fields: FormField[], name: string, context: ReadContext): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const item = read(field, joinName(name, field.key), context);
    if (item !== undefined) value[field.key] = item;
  }
  return value;
}

/** The row numbers posted for a list, in order (`<list>.<index>` or `<list>.<index>.<key>`). */
function rowIndexes(formData: FormData, name: string): number[] {
  const indexes = new Set<number>();
  for (const key of formData.keys()) {
    const segment = key.startsWith(`${name}.`) ? key.slice(name.length + 1).split(".")[0]! : "";
    if (/^\d+$/.test(segment)) indexes.add(Number(segment));
  }
  return [...indexes].sort((a, b) => a - b);
}

/** Nothing typed, chosen or ticked: a row like this is one of the spare empty rows. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return true;
  if (Array.isArray(value)) return value.every(isBlank);
  if (typeof value === "object") return Object.values(value).every(isBlank);
  return false;
}

type Issue = z.core.$ZodIssue;

/**
 * The schema's issues keyed by the input (or list, row, group) that shows them. Issues inside
 * a lines or pairs field go to its one textarea, naming the entry. Row numbers are those of the
 * value read (blank rows dropped): render the form again from that value to line them up.
 */
export function fieldErrorsFor(field: FormField, error: z.ZodError, prefix: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (name: string, message: string) => {
    const messages = (errors[name] ??= []);
    if (!messages.includes(message)) messages.push(message);
  };
  for (const issue of error.issues) place(field, prefix, issue.path, issue, add);
  return errors;
}

function place(field: FormField, name: string, path: readonly PropertyKey[], issue: Issue, add: (name: string, message: string) => void): void {
  const [head, ...rest] = path;
  if (head === undefined) {
    if (field.kind === "variants" && issue.code === "invalid_union" && issue.errors.length > 0) return placeUnion(field, name, issue.errors, issue, add);
    return add(name, issue.message);
  }
  const into = (child: FormField | undefined, childName: string) => (child ? place(child, childName, rest, issue, add) : add(name, issue.message));
  switch (field.kind) {
    case "group":
      return into(
        field.fields.find((child) => child.key === head),
        joinName(name, String(head)),
      );
    case "rows":
      return typeof head === "number" ? into(field.item, `${name}.${head}`) : add(name, issue.message);
    case "variants":
      if (head === field.discriminator.key) return add(joinName(name, head), issue.message);
      return into(
        [...field.shared, ...field.variants.flatMap((variant) => variant.fields)].find((child) => child.key === head),
        joinName(name, String(head)),
      );
    case "lines":
      return add(name, typeof head === "number" ? `Entry ${head + 1}: ${issue.message}` : issue.message);
    case "pairs":
      return add(name, `${String(head)}: ${issue.message}`);
    default:
      return add(name, issue.message);
  }
}

/** A plain z.union of variants reports every branch: keep the one whose discriminator matched. */
function placeUnion(field: FormField & { kind: "variants" }, name: string, branches: Issue[][], issue: Issue, add: (name: string, message: string) => void) {
  const key = field.discriminator.key;
  const matched = branches.find((branch) => !branch.some((inner) => inner.path.length === 1 && inner.path[0] === key));
  if (!matched) return add(joinName(name, key), issue.message);
  for (const inner of matched) place(field, name, inner.path, inner, add);
}
