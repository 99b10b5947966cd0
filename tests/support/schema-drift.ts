// Compares what prisma/schema.prisma says the database looks like with what a migrated
// database actually is, so the schema file and the reviewed SQL can never quietly disagree.
// The expected side is derived from Prisma's own DMMF (its schema parser, as WASM); names
// follow Prisma's defaults (`<table>_<columns>_key|idx|fkey`, `<table>_pkey`).
import { readFileSync } from "node:fs";

import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type pg from "pg";

export type ColumnShape = { type: string; nullable: boolean; default: string | null };
export type IndexShape = { name: string; columns: string[]; unique: boolean; partial: boolean };
export type ForeignKeyShape = {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
};
export type SchemaShape = { enums: Record<string, string[]>; tables: Record<string, TableShape> };

// The slice of Prisma's DMMF this file reads.
type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
type Dmmf = {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
};

export function loadDmmf(schemaPath: string): Dmmf {
  const schema = readFileSync(schemaPath, "utf8");
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, schema]] }))) as Dmmf;
}

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  VarChar: ([n]) => (n ? `character varying(${n})` : "character varying"),
  Char: ([n]) => `character(${n ?? 1})`,
  Timestamptz: ([p]) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 6}) without time zone`,
  Date: () => "date",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  Boolean: () => "boolean",
  JsonB: () => "jsonb",
  Json: () => "json",
  DoublePrecision: () => "double precision",
  Decimal: ([p, s]) => `numeric(${p ?? 65},${s ?? 30})`,
  ByteA: () => "bytea",
};
// Prisma's PostgreSQL type for each scalar without @db.*.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};
// pg_constraint.confdeltype / confupdtype codes.
const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** Prisma's default constraint name: the base is cut to fit PostgreSQL's 63 bytes. */
export function prismaName(table: string, columns: string[], suffix: string): string {
  return `${[table, ...columns].join("_").slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

export function expectedSchema(dmmf: Dmmf): SchemaShape {
  const { models, enums, indexes } = dmmf.datamodel;
  const enumNames = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = (model: string) => {
    const found = models.find((m) => m.name === model);
    if (!found) throw new Error(`DMMF has no model ${model}`);
    return { table: found.dbName ?? found.name, column: (field: string) => columnName(found, field) };
  };

  const shape: SchemaShape = {
    enums: Object.fromEntries(enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)])),
    tables: {},
  };
  for (const model of models) {
    const { table, column } = tableOf(model.name);
    const columns: Record<string, ColumnShape> = {};
    const foreignKeys: ForeignKeyShape[] = [];
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue;
        const from = field.relationFromFields.map(column);
        const target = tableOf(field.type);
        const optional = field.relationFromFields.some((f) => !model.fields.find((s) => s.name === f)?.isRequired);
        foreignKeys.push({
          name: prismaName(table, from, "fkey"),
          columns: from,
          referencedTable: target.table,
          referencedColumns: (field.relationToFields ?? []).map(target.column),
          onDelete: field.relationOnDelete ?? (optional ? "SetNull" : "Restrict"),
          onUpdate: field.relationOnUpdate ?? "Cascade",
        });
        continue;
      }
      const base = field.kind === "enum" ? enumNames.get(field.type)! : scalarType(field);
      columns[field.dbName ?? field.name] = {
        type: field.isList ? `${base}[]` : base,
        // Prisma renders list columns without NOT NULL.
        nullable: !field.isRequired || field.isList,
        default: expectedDefault(field.default),
      };
    }
    shape.tables[table] = { columns, primaryKey: null, indexes: [], foreignKeys };
  }
  for (const index of indexes) {
    const { table, column } = tableOf(index.model);
    const columns = index.fields.map((f) => column(f.name));
    const target = shape.tables[table]!;
    if (index.type === "id") {
      target.primaryKey = { name: index.dbName ?? `${table}_pkey`, columns };
    } else {
      const unique = index.type === "unique";
      const name = index.dbName ?? prismaName(table, columns, unique ? "key" : "idx");
      target.indexes.push({ name, columns, unique, partial: false });
    }
  }
  return shape;
}

function columnName(model: DmmfModel, field: string): string {
  const found = model.fields.find((f) => f.name === field);
  if (!found) throw new Error(`DMMF model ${model.name} has no field ${field}`);
  return found.dbName ?? found.name;
}

function scalarType(field: DmmfField): string {
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const render = NATIVE_TYPES[name];
    if (!render) throw new Error(`schema-drift does not know @db.${name} yet: add it to NATIVE_TYPES`);
    return render(args);
  }
  const type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`schema-drift does not know the scalar ${field.type} yet`);
  return type;
}

// Defaults in one comparable form: literals unquoted and uncast, sequences as "nextval".
function expectedDefault(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object") return String(value);
  const { name, args } = value as { name: string; args: unknown[] };
  if (name === "now") return "CURRENT_TIMESTAMP";
  if (name === "autoincrement") return "nextval";
  if (name === "dbgenerated") return String(args[0]);
  return null; // uuid(), cuid(), ...: generated by the client, no database default
}

export function normalizeDefault(expression: string | null): string | null {
  if (expression === null) return null;
  if (expression.startsWith("nextval(")) return "nextval";
  const literal = /^'((?:[^']|'')*)'::[\w\s."[\]()]+$/s.exec(expression);
  return literal ? literal[1]!.replaceAll("''", "'") : expression;
}

type ColumnRow = { table: string; column: string; type: string; nullable: boolean; default: string | null };
type IndexRow = {
  table: string;
  name: string;
  columns: (string | null)[]; // null: an expression
  unique: boolean;
  primary: boolean;
  partial: boolean;
};
type ForeignKeyRow = {
  table: string;
  name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
};

/** The current schema of a live database, from pg_catalog, in the same shape. */
export async function readDatabaseSchema(client: pg.Client): Promise<SchemaShape> {
  const inSchema = "n.nspname = current_schema() AND t.relname <> '_prisma_migrations'";
  const attributes = (list: string, table: string) =>
    `ARRAY(SELECT a.attname::text FROM unnest(${list}) WITH ORDINALITY k(attnum, ord)
           LEFT JOIN pg_attribute a ON a.attrelid = ${table} AND a.attnum = k.attnum ORDER BY k.ord)`;

  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  const columns = await client.query<ColumnRow>(
    `SELECT t.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
     FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND ${inSchema}`,
  );
  const indexes = await client.query<IndexRow>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            ix.indpred IS NOT NULL AS partial, ${attributes("ix.indkey::int2[]", "t.oid")} AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace WHERE ${inSchema}`,
  );
  const foreignKeys = await client.query<ForeignKeyRow>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS referenced_table,
            ${attributes("c.conkey", "c.conrelid")} AS columns,
            ${attributes("c.confkey", "c.confrelid")} AS referenced_columns,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND ${inSchema}`,
  );

  const shape: SchemaShape = { enums: Object.fromEntries(enums.rows.map((e) => [e.name, e.labels])), tables: {} };
  const table = (name: string) =>
    (shape.tables[name] ??= { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] });
  for (const c of columns.rows) {
    table(c.table).columns[c.column] = { type: c.type, nullable: c.nullable, default: normalizeDefault(c.default) };
  }
  for (const i of indexes.rows) {
    const cols = i.columns.map((c) => c ?? "(expression)");
    if (i.primary) table(i.table).primaryKey = { name: i.name, columns: cols };
    else table(i.table).indexes.push({ name: i.name, columns: cols, unique: i.unique, partial: i.partial });
  }
  for (const f of foreignKeys.rows) {
    table(f.table).foreignKeys.push({
      name: f.name,
      columns: f.columns,
      referencedTable: f.referenced_table,
      referencedColumns: f.referenced_columns,
      onDelete: ACTIONS[f.on_delete] ?? f.on_delete,
      onUpdate: ACTIONS[f.on_update] ?? f.on_update,
    });
  }
  return shape;
}

const list = (columns: string[]) => `(${columns.join(", ")})`;
const nullability = (c: ColumnShape) => (c.nullable ? "nullable" : "NOT NULL");
const indexKind = (i: IndexShape) => `${i.partial ? "partial " : ""}${i.unique ? "unique index" : "index"}`;
const sameIndex = (a: IndexShape) => (b: IndexShape) =>
  a.unique === b.unique && a.partial === b.partial && a.columns.join() === b.columns.join();
const sameColumns = (a: { columns: string[] }) => (b: { columns: string[] }) => a.columns.join() === b.columns.join();
const showForeignKey = (f: ForeignKeyShape) =>
  `${f.name} -> ${f.referencedTable}${list(f.referencedColumns)} ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
const showPrimaryKey = (pk: TableShape["primaryKey"]) => (pk ? `${pk.name} ${list(pk.columns)}` : "none");

/**
 * Every way `actual` differs from `expected`, one readable line each; empty when they agree.
 * Partial indexes cannot be declared in schema.prisma: those named in `allowedPartialIndexes`
 * must exist, any other is drift.
 */
export function diffSchemas(
  expected: SchemaShape,
  actual: SchemaShape,
  options: { allowedPartialIndexes?: string[] } = {},
): string[] {
  const allowed = new Set(options.allowedPartialIndexes ?? []);
  const out: string[] = [];

  for (const [name, values] of Object.entries(expected.enums)) {
    const found = actual.enums[name];
    if (!found) out.push(`enum ${name}: missing`);
    else if (found.join() !== values.join()) {
      out.push(`enum ${name}: values are ${list(found)}, expected ${list(values)}`);
    }
  }
  for (const name of Object.keys(actual.enums)) {
    if (!expected.enums[name]) out.push(`enum ${name}: not in schema.prisma`);
  }

  for (const name of Object.keys(actual.tables)) {
    if (!expected.tables[name]) out.push(`table ${name}: not in schema.prisma`);
  }
  for (const [name, want] of Object.entries(expected.tables)) {
    const have = actual.tables[name];
    if (have) out.push(...diffTable(`table ${name}`, want, have, allowed));
    else out.push(`table ${name}: missing`);
  }

  const partial = Object.values(actual.tables).flatMap((t) => t.indexes.filter((i) => i.partial).map((i) => i.name));
  for (const name of allowed) if (!partial.includes(name)) out.push(`allowed partial index ${name} missing`);
  return out;
}

function diffTable(at: string, want: TableShape, have: TableShape, allowedPartial: Set<string>): string[] {
  const out: string[] = [];
  for (const [column, w] of Object.entries(want.columns)) {
    const h = have.columns[column];
    if (!h) {
      out.push(`${at}: column ${column} missing`);
      continue;
    }
    if (h.type !== w.type) out.push(`${at}: column ${column} is ${h.type}, expected ${w.type}`);
    if (h.nullable !== w.nullable) out.push(`${at}: column ${column} is ${nullability(h)}, expected ${nullability(w)}`);
    if (h.default !== w.default) {
      out.push(`${at}: column ${column} defaults to ${h.default ?? "nothing"}, expected ${w.default ?? "nothing"}`);
    }
  }
  for (const column of Object.keys(have.columns)) {
    if (!want.columns[column]) out.push(`${at}: column ${column} not in schema.prisma`);
  }

  if (showPrimaryKey(have.primaryKey) !== showPrimaryKey(want.primaryKey)) {
    out.push(`${at}: primary key is ${showPrimaryKey(have.primaryKey)}, expected ${showPrimaryKey(want.primaryKey)}`);
  }

  for (const w of want.indexes) {
    const h = have.indexes.find(sameIndex(w));
    if (!h) out.push(`${at}: ${indexKind(w)} ${w.name} on ${list(w.columns)} missing`);
    else if (h.name !== w.name) {
      out.push(`${at}: ${indexKind(w)} on ${list(w.columns)} is named ${h.name}, expected ${w.name}`);
    }
  }
  for (const h of have.indexes) {
    if (h.partial && allowedPartial.has(h.name)) continue;
    if (!want.indexes.some(sameIndex(h))) {
      out.push(`${at}: ${indexKind(h)} ${h.name} on ${list(h.columns)} not in schema.prisma`);
    }
  }

  for (const w of want.foreignKeys) {
    const h = have.foreignKeys.find(sameColumns(w));
    if (!h) out.push(`${at}: foreign key ${showForeignKey(w)} missing`);
    else if (showForeignKey(h) !== showForeignKey(w)) {
      out.push(`${at}: foreign key on ${list(w.columns)} is ${showForeignKey(h)}, expected ${showForeignKey(w)}`);
    }
  }
  for (const h of have.foreignKeys) {
    if (!want.foreignKeys.some(sameColumns(h))) {
      out.push(`${at}: foreign key ${h.name} on ${list(h.columns)} not in schema.prisma`);
    }
  }
  return out;
}
