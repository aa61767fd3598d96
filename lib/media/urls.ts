/**
 * Public addresses of an image's derivatives. They take the image id, never a storage key,
 * and answer only for published images. No address serves an original.
 */
export const thumbnailUrl = (imageId: number) => `/media/thumb/${imageId}`;
export const previewUrl = (imageId: number) => `/media/preview/${imageId}`;
/** The watermarked preview as a download, for layouts and client approval (a "comp"); recorded as activity. */
export const compUrl = (imageId: number) => `/images/${imageId}/comp`;
