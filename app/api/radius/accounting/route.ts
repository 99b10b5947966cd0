import { handleRadiusAccounting } from "@/lib/network/radius/endpoint";

// FreeRADIUS's rlm_rest reports accounting here (docs/RADIUS.md, docs/freeradius/).
export const POST = handleRadiusAccounting;
