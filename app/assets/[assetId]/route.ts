import { db } from "@/lib/db";
import { findAssetForServing } from "@/lib/assets";

/**
 * Serves venue images (logos, backgrounds) from Portico itself: a guest behind the captive
 * portal cannot reach any other host yet. An asset never changes once stored (a new upload
 * is a new id), so browsers may keep it for a year. Its Content-Security-Policy (sandbox) is set
 * in next.config.ts, whose headers take precedence over a route's own.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ assetId: string }> }) {
  const { assetId } = await params;
  const asset = await findAssetForServing(db, assetId);
  if (!asset) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(asset.data), {
    headers: {
      "Content-Type": asset.contentType,
      "Content-Length": String(asset.byteSize),
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${asset.sha256}"`,
      "X-Content-Type-Options": "nosniff",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
