// A tiny venue website that signs guests in through Portico as its SAML identity provider,
// using @node-saml/node-saml as the service provider, the way a real website's SAML library
// would: it starts the sign-in (SP-initiated, HTTP-Redirect), validates what Portico posts to
// its ACS URL (both signatures, audience, issuer, InResponseTo when present) and shows who is
// signed in. Started by the spec itself on a free port.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";

export interface SamlWebsite {
  origin: string;
  entityId: string;
  acsUrl: string;
  close(): Promise<void>;
}

export interface SamlWebsiteOptions {
  name: string;
  idpEntityId: string;
  ssoUrl: string;
  idpCertificates: string[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

async function readBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startSamlWebsite(options: SamlWebsiteOptions): Promise<SamlWebsite> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entityId = `${origin}/saml/metadata`;
  const acsUrl = `${origin}/saml/acs`;
  const sp = new SAML({
    entryPoint: options.ssoUrl,
    issuer: entityId,
    callbackUrl: acsUrl,
    audience: entityId,
    idpIssuer: options.idpEntityId,
    idpCert: options.idpCertificates,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    // Responses to its own requests must match one; unsolicited ones (IdP-initiated) are welcome.
    validateInResponseTo: ValidateInResponseTo.ifPresent,
  });
  const sessions = new Map<string, { email: string; name?: string; solicited: boolean }>();

  server.on("request", (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", origin);
      const sid = /(?:^|;\s*)website_sid=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
      const html = (status: number, body: string, headers: Record<string, string> = {}) => {
        response.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
        response.end(body);
      };
      if (request.method === "GET" && url.pathname === "/") {
        const session = sid ? sessions.get(sid) : undefined;
        return html(200, page(options.name, session ? `<p>Signed in as ${escape(session.email)}</p>` : `<p>Not signed in</p><a href="/login">Sign in with the WiFi</a>`));
      }
      if (request.method === "GET" && url.pathname === "/login") {
        response.writeHead(302, { location: await sp.getAuthorizeUrlAsync("/", undefined, {}) });
        return response.end();
      }
      if (request.method === "POST" && url.pathname === "/saml/acs") {
        const form = await readBody(request);
        try {
          const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.get("SAMLResponse") ?? "" });
          if (!profile?.nameID) throw new Error("no NameID");
          const id = randomBytes(12).toString("hex");
          const solicited = /<samlp:Response[^>]* InResponseTo="/.test(profile.getSamlResponseXml?.() ?? "");
          sessions.set(id, { email: profile.nameID, name: typeof profile.name === "string" ? profile.name : undefined, solicited });
          const how = solicited ? "at the website's request" : "from the WiFi portal";
          return html(200, page(options.name, `<p>Signed in as ${escape(profile.nameID)}</p><p>Signed in ${how}</p>`), { "set-cookie": `website_sid=${id}; Path=/; HttpOnly` });
        } catch (error) {
          return html(403, page("Sign-in refused", `<p>${escape((error as Error).message)}</p>`));
        }
      }
      html(404, page("Not found", ""));
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });

  return { origin, entityId, acsUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
