// Vouchers (docs/VOUCHERS.md): batches of access codes staff print, redeemed on the splash.
export { attemptsPerClientPerHour, codeLengthLimits, guessChance, minimumCodeLength, refusalsLoggedPerVenuePerHour, wrongCodesPerVenuePerHour } from "./brute-force";
export { journeyAccessMinutes } from "./access-minutes";
export { createVoucherBatch } from "./create-batch";
export { listVoucherBatches, revokeVoucherBatch, revokeVoucherCode, setVenueVouchers, voucherVenueOptions, type VoucherBatchListItem, type VoucherVenueOption } from "./manage-batches";
export { printVoucherSheet } from "./print-sheet";
export { redeemVoucher, type RedeemResult } from "./redeem-voucher";
export { voucherKeys, type VoucherKeys } from "./keys";
