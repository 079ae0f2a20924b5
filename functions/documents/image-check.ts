/**
 * Image checks from the header alone: dimensions (image-size), a pixel-count guard against
 * decompression bombs, the minimum legible resolution, and a truncation check on the trailer.
 */
import { imageSize } from 'image-size';

export const MAX_IMAGE_PIXELS = 50_000_000;

export interface ImageFacts {
  width: number;
  height: number;
  /** The file ends where its format says it ends (JPEG EOI marker, PNG IEND chunk). */
  complete: boolean;
}

/** Reads dimensions from the header; undefined when the header is unreadable. */
export function readImageHeader(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): ImageFacts | undefined {
  let size: { width?: number; height?: number; orientation?: number };
  try {
    size = imageSize(bytes);
  } catch {
    return undefined;
  }
  if (!size.width || !size.height) return undefined;
  // EXIF orientations 5–8 rotate by 90°: the legible width is the stored height.
  const rotated = size.orientation !== undefined && size.orientation >= 5;
  return {
    width: rotated ? size.height : size.width,
    height: rotated ? size.width : size.height,
    complete: mime === 'image/jpeg' ? jpegComplete(bytes) : pngComplete(bytes),
  };
}

function jpegComplete(bytes: Uint8Array): boolean {
  // Some cameras pad after EOI; look for FFD9 in the last 1 KB.
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 1024); i -= 1) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

function pngComplete(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(
    Math.max(0, bytes.length - 64),
  );
  return tail.includes('IEND', 0, 'latin1');
}
