/** Shared by forms in the browser and by the server: no hashing code here. */
export const minimumPasswordLength = 12;
