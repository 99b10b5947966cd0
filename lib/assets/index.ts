export { findAssetForServing } from "./find-asset";
export { checkImageUpload, formatMegabytes, imageContentTypes, maxImageBytes, sniffImageType, type ImageUpload } from "./image-upload";
export { assetPath, storeImageAsset } from "./store-image-asset";
