// A real SAML identity provider for tests: Debian's SimpleSAMLphp (apt package simplesamlphp,
// with php-cli and php-xml; the preflight installs them) served by `php -S` from its www
// folder, with a configuration written here into a temporary SIMPLESAMLPHP_CONFIG_DIR:
// exampleauth:UserPass users, a hosted SAML 2.0 IdP with a freshly generated key, and the
// service providers a test registers (Portico's SP metadata: entity ID and ACS address).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { generateSpKeyPair } from "@/lib/saml/sp/sp-key-pair";

export const simpleSamlPhpWww = "/usr/share/simplesamlphp/www";

export interface SamlTestUser {
  username: string;
  password: string;
  /** SAML attributes released for this user (each a list of values). */
  attributes: Record<string, string[]>;
}

export interface RegisteredSp {
  entityId: string;
  acsUrl: string;
  /** The SP's certificate (PEM): AuthnRequests signed with it are required, assertions encrypted to it. */
  certificatePem?: string | null;
  signedRequests?: boolean;
  encryptAssertions?: boolean;
}

export interface SimpleSamlPhp {
  baseUrl: string;
  entityId: string;
  metadataUrl: string;
  /** The IdP's metadata XML, as a website admin would copy it. */
  metadataXml(): Promise<string>;
  /** Adds (or replaces) a service provider the IdP answers. */
  addServiceProvider(sp: RegisteredSp): void;
  /** What the IdP logged (for a failing test). */
  output(): string;
  stop(): Promise<void>;
}

export const isSimpleSamlPhpInstalled = () => existsSync(path.join(simpleSamlPhpWww, "saml2/idp/SSOService.php")) && existsSync("/usr/bin/php");

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** PHP that evaluates to the JSON value: no PHP string escaping to get wrong. */
const phpJson = (value: unknown) => `json_decode(<<<'JSON'\n${JSON.stringify(value)}\nJSON, true)`;

const persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const rsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

export async function startSimpleSamlPhp(input: { users: SamlTestUser[] }): Promise<SimpleSamlPhp> {
  if (!isSimpleSamlPhpInstalled()) throw new Error("SimpleSAMLphp is not installed: apt-get install -y simplesamlphp php-cli php-xml (npm run test:preflight does it)");
  const dir = mkdtempSync(path.join(tmpdir(), "portico-ssp-"));
  for (const sub of ["metadata", "cert", "log", "data", "tmp", "sessions"]) mkdirSync(path.join(dir, sub));
  const port = await freeTcpPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const keys = await generateSpKeyPair("Portico test IdP");
  writeFileSync(path.join(dir, "cert/idp.key"), keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(path.join(dir, "cert/idp.crt"), keys.certificatePem);

  const config = {
    baseurlpath: `${baseUrl}/`,
    certdir: `${dir}/cert/`,
    loggingdir: `${dir}/log/`,
    datadir: `${dir}/data/`,
    tempdir: `${dir}/tmp`,
    metadatadir: `${dir}/metadata/`,
    attributenamemapdir: "/etc/simplesamlphp/attributemap/",
    technicalcontact_name: "Portico tests",
    technicalcontact_email: "tests@example.org",
    timezone: "UTC",
    secretsalt: keys.privateKeyPem.slice(100, 140).replace(/[^A-Za-z0-9]/g, "x"),
    "auth.adminpassword": "not-used-by-tests",
    "admin.protectindexpage": false,
    "admin.protectmetadata": false,
    "admin.checkforupdates": false,
    "enable.saml20-idp": true,
    "module.enable": { exampleauth: true, core: true, saml: true, admin: true },
    "logging.level": 7,
    "logging.handler": "file",
    "logging.logfile": "simplesamlphp.log",
    "store.type": "phpsession",
    "session.phpsession.savepath": `${dir}/sessions`,
    "session.cookie.secure": false,
    "language.default": "en",
    showerrors: true,
    errorreporting: false,
  };
  writeFileSync(path.join(dir, "config.php"), `<?php\n$config = ${phpJson(config)};\n`);
  const users = Object.fromEntries(input.users.map((u) => [`${u.username}:${u.password}`, u.attributes]));
  writeFileSync(path.join(dir, "authsources.php"), `<?php\n$config = ${phpJson({ admin: ["core:AdminPassword"], "example-userpass": ["exampleauth:UserPass"] })};\n$config['example-userpass'] += ${phpJson(users)};\n`);
  writeFileSync(
    path.join(dir, "metadata/saml20-idp-hosted.php"),
    `<?php\n$metadata['__DYNAMIC:1__'] = ${phpJson({ host: "__DEFAULT__", privatekey: "idp.key", certificate: "idp.crt", auth: "example-userpass", "signature.algorithm": rsaSha256 })};\n`,
  );
  const sps = new Map<string, RegisteredSp>();
  const writeSps = () => {
    const entries = [...sps.values()].map((sp) => {
      const certData = sp.certificatePem ? sp.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "") : undefined;
      const meta = {
        AssertionConsumerService: [{ Binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", Location: sp.acsUrl }],
        NameIDFormat: persistent,
        "simplesaml.nameidattribute": "uid",
        "simplesaml.attributes": true,
        "saml20.sign.response": true,
        "saml20.sign.assertion": true,
        "signature.algorithm": rsaSha256,
        ...(certData ? { certData } : {}),
        ...(sp.signedRequests ? { "validate.authnrequest": true } : {}),
        ...(sp.encryptAssertions ? { "assertion.encryption": true } : {}),
      };
      return `$metadata[${phpJson(sp.entityId)}] = ${phpJson(meta)};`;
    });
    writeFileSync(path.join(dir, "metadata/saml20-sp-remote.php"), `<?php\n${entries.join("\n")}\n`);
  };
  writeSps();

  const child: ChildProcess = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", simpleSamlPhpWww], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", SIMPLESAMLPHP_CONFIG_DIR: dir } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const metadataUrl = `${baseUrl}/saml2/idp/metadata.php`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`php -S exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(metadataUrl).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`SimpleSAMLphp did not answer within 15 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    baseUrl,
    entityId: metadataUrl,
    metadataUrl,
    metadataXml: async () => {
      const response = await fetch(metadataUrl);
      if (!response.ok) throw new Error(`SimpleSAMLphp metadata: HTTP ${response.status}`);
      return response.text();
    },
    addServiceProvider(sp) {
      sps.set(sp.entityId, sp);
      writeSps();
    },
    output: () => {
      const log = path.join(dir, "log/simplesamlphp.log");
      return output + (existsSync(log) ? `\n--- simplesamlphp.log ---\n${readFileSync(log, "utf8")}` : "");
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const decodeHtml = (text: string) => text.replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function hiddenField(html: string, name: string): string | null {
  const input = [...html.matchAll(/<input\b[^>]*>/gi)].map((m) => m[0]).find((tag) => new RegExp(`name=["']${name}["']`).test(tag));
  const value = input?.match(/value=["']([^"']*)["']/);
  return value ? decodeHtml(value[1]!) : null;
}

/**
 * A browser's walk through SimpleSAMLphp without the browser: follows the SP's redirect to the
 * IdP, fills its username/password form, and returns the auto-posting form it answers with (the
 * HTTP-POST binding: SAMLResponse, RelayState and the ACS address they go to).
 */
export async function signInAtSimpleSamlPhp(loginUrl: string, user: { username: string; password: string }): Promise<{ action: string; SAMLResponse: string; RelayState: string | null }> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
    return response;
  };
  let url = loginUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await send(url, init);
    init = {};
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    const html = await response.text();
    const samlResponse = hiddenField(html, "SAMLResponse");
    if (samlResponse) {
      const action = html.match(/<form[^>]*action=["']([^"']+)["']/i)?.[1];
      return { action: decodeHtml(action ?? ""), SAMLResponse: samlResponse, RelayState: hiddenField(html, "RelayState") };
    }
    const authState = hiddenField(html, "AuthState");
    if (!authState || !/name=["']password["']/.test(html)) throw new Error(`SimpleSAMLphp answered HTTP ${response.status} without a login form or a response:\n${html.slice(0, 2000)}`);
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username: user.username, password: user.password, AuthState: authState }).toString() };
  }
  throw new Error("SimpleSAMLphp: too many redirects");
}
