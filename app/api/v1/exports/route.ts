// API v1 (docs/API.md): the operation is described and handled in lib/api.
import { apiRoute } from "@/lib/api/next-route";
import { apiRoutes } from "@/lib/api/routes";

export const GET = apiRoute(apiRoutes.listExports);
