// What a redeemed access code leaves on the journey (lib/vouchers checked the code itself):
// which code and batch, so the grant finds the code's limits. No person is named.
import { z } from "zod";

export const voucherLoginSchema = z.object({ voucherCodeId: z.uuid(), voucherBatchId: z.uuid() }).strict();
