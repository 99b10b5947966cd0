// The part the MikroTik, Cisco WLC and Aruba simulators share: a local http server that takes
// the guest's urlencoded login post and answers with a redirect, as those gateways do. Which
// guest posted travels in a header, the way the gateway knows by the client's address.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoginPost {
  path: string;
  method: string;
  clientMac: string;
  fields: URLSearchParams;
}

export interface FormLoginServer {
  /** host:port of the simulated gateway. */
  host: string;
  close(): Promise<void>;
}

export const clientMacHeader = "x-client-mac";

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Serves `answer`: a Location to redirect the browser to, or a status with no body. */
export async function startFormLoginServer(answer: (post: LoginPost) => { location: string } | { status: number }): Promise<FormLoginServer> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    const contentType = req.headers["content-type"] ?? "";
    const body = await bodyOf(req);
    const fields = req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(body) : url.searchParams;
    const reply = answer({ path: url.pathname, method: req.method ?? "GET", clientMac: String(req.headers[clientMacHeader] ?? ""), fields });
    if ("location" in reply) res.writeHead(302, { location: reply.location }).end();
    else res.writeHead(reply.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The guest's browser submitting a grant form: a urlencoded POST, redirects not followed. */
export function postForm(action: string, fields: Record<string, string>, clientMac: string): Promise<Response> {
  return fetch(action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [clientMacHeader]: clientMac },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

export function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
  return url.toString();
}
