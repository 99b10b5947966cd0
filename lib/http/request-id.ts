// One id per request, for the logs: the front door (lib/runtime/next-app.ts) takes a
// well-formed X-Request-Id from the caller (a load balancer's, so its logs and ours join up)
// or makes one, echoes it in the response and runs the request inside it, so every log line
// written while answering carries it (lib/log.ts reads it here). Free of "server-only": the
// runtime loads it outside Next's bundle, and the store lives on globalThis so Next's bundled
// copy of this module and the runtime's share it.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const requestIdHeader = "x-request-id";

/** Letters, digits and a few separators, up to 128: a UUID, a ULID, an AWS/GCP trace id. Anything else is not echoed. */
const wellFormed = /^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}$/;

interface RequestScope {
  requestId: string;
}

const store: AsyncLocalStorage<RequestScope> = ((globalThis as { porticoRequestScope?: AsyncLocalStorage<RequestScope> }).porticoRequestScope ??=
  new AsyncLocalStorage<RequestScope>());

/** The caller's id when it is well-formed, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && wellFormed.test(value) ? value : randomUUID();
}

export function runWithRequestId<T>(requestId: string, run: () => T): T {
  return store.run({ requestId }, run);
}

/** The id of the request being answered, if any. */
export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
