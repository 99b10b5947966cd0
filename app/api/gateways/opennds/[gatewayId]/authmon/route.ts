// openNDS level 3: the gateway's authmon daemon polls here (its FAS URL, https) for grants.
import { db } from "@/lib/db";
import { answerAuthmon } from "@/lib/network/adapters/opennds-authmon";
import { findAuthmonGateway, openndsAuthmonStore } from "@/lib/network/adapters/opennds-authmon-store";

/** authmon's form is three short fields; anything larger is not authmon. */
const maxBody = 16_384;

export async function POST(request: Request, { params }: { params: Promise<{ gatewayId: string }> }): Promise<Response> {
  const { gatewayId } = await params;
  const gateway = await findAuthmonGateway(db, gatewayId);
  if (!gateway) return new Response("", { status: 404 });
  const text = await request.text();
  if (text.length > maxBody) return new Response("", { status: 413 });
  const reply = await answerAuthmon(gateway, new URLSearchParams(text), openndsAuthmonStore(db));
  return new Response(reply.body, { status: reply.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
