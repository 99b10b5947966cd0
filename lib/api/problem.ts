// RFC 9457 problem details: every error the API answers is one of these, with a stable
// `type` per kind of problem (documented in docs/API.md) and never an exception's text.
import { z } from "zod";

export const problemTypes = {
  unauthorized: { status: 401, title: "Missing, unknown, revoked or expired API key" },
  forbidden: { status: 403, title: "This key may not do that" },
  notFound: { status: 404, title: "Not found" },
  invalidRequest: { status: 400, title: "The request's parameters or body are invalid" },
  invalidJson: { status: 400, title: "The body is not valid JSON" },
  unsupportedMediaType: { status: 415, title: "Unsupported content type" },
  preconditionRequired: { status: 428, title: "If-Match is required" },
  preconditionFailed: { status: 412, title: "The visitor data changed since it was read" },
  tooLarge: { status: 413, title: "The body is too large" },
  unprocessable: { status: 422, title: "The body cannot be stored" },
  rateLimited: { status: 429, title: "Too many requests for this key" },
  internal: { status: 500, title: "Something went wrong on our side" },
} as const;
export type ProblemType = keyof typeof problemTypes;

export const problemContentType = "application/problem+json";

export function problemTypeUri(type: ProblemType): string {
  return `https://portico.invalid/problems/${type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export const problemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem (docs/API.md lists them)"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    /** For invalid requests: which parameter or field, and what is wrong with it. */
    errors: z
      .array(
        z.object({
          in: z.enum(["path", "query", "header", "body"]),
          /** A parameter's name, or a JSON pointer into the body. */
          pointer: z.string(),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .describe("RFC 9457 problem details");
export type Problem = z.infer<typeof problemSchema>;

/** The API's failure as a value: routes throw it, the edge (lib/api/handle.ts) answers it. */
export class ApiProblem extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail?: string,
    readonly extra: { errors?: Problem["errors"]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? type);
    this.name = "ApiProblem";
  }

  get status(): number {
    return problemTypes[this.type].status;
  }

  toJSON(): Problem {
    return {
      type: problemTypeUri(this.type),
      title: problemTypes[this.type].title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
    };
  }
}

/** zod issues as the problem's `errors`: a parameter's name, or a JSON pointer into the body. */
export function issuesOf(error: z.ZodError, where: "path" | "query" | "body"): NonNullable<Problem["errors"]> {
  return error.issues.map((issue) => ({
    in: where,
    pointer: where === "body" ? `/${issue.path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}` : issue.path.map(String).join("."),
    detail: issue.message,
  }));
}
