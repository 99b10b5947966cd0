export { findAssetForServing } from "./find-asset";
export { checkImageUpload, formatMegabytes, imageContentTypes, imageRefusal, maxImageBytes, sniffImageType, type ImageRefusal, type ImageUpload } from "./image-upload";
export { assetPath, storeImageAsset } from "./store-image-asset";
