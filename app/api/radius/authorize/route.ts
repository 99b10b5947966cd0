import { handleRadiusAuthorize } from "@/lib/network/radius/endpoint";
import { zeroTapGrant } from "@/lib/welcome-back/zero-tap";

// FreeRADIUS's rlm_rest asks here during authorize (docs/RADIUS.md, docs/freeradius/); a device
// seen before may be let on with no tap (welcome back, docs/NETWORK.md).
export const POST = (request: Request) => handleRadiusAuthorize(request, zeroTapGrant);
