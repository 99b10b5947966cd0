import { handleRadiusAuthorize } from "@/lib/network/radius/endpoint";

// FreeRADIUS's rlm_rest asks here during authorize (docs/RADIUS.md, docs/freeradius/).
export const POST = handleRadiusAuthorize;
