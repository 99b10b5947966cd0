import { readBoundedText } from "@/lib/http/read-form";

import { ApiProblem } from "./problem";

/** The largest body the API reads (a whole visitor-data object). */
export const maxBodyBytes = 64 * 1024;
/** How deep a JSON body may nest: the object, its namespaces, and six levels inside. */
export const maxJsonDepth = 8;

/**
 * Reads a JSON body of one of the accepted media types, refusing before anything is written:
 * 415 for another type, 413 past `maxBodyBytes` (stopping the read there), 400 for text that
 * is not JSON, 422 for JSON nested deeper than `maxJsonDepth`.
 */
export async function readJsonBody(request: Request, contentTypes: readonly string[]): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!contentTypes.includes(type)) {
    throw new ApiProblem("unsupportedMediaType", `Send the body as ${contentTypes.join(" or ")}.`);
  }
  const text = await readBoundedText(request, maxBodyBytes);
  if (text === "tooLarge") throw new ApiProblem("tooLarge", `Bodies are limited to ${maxBodyBytes} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem("invalidJson", "The body could not be parsed as JSON.");
  }
  if (jsonDepth(value) > maxJsonDepth) {
    throw new ApiProblem("unprocessable", `The body nests deeper than ${maxJsonDepth} levels.`);
  }
  return value;
}

/** Nesting depth of a JSON value (a scalar is 0, `{}` is 1), without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > maxJsonDepth) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}
