const encoder = new TextEncoder();

/**
 * Base64 of the UTF-8 bytes of `text`. `btoa` alone throws on characters above U+00FF, which
 * passwords and API key names may well contain; this works the same in Node and browsers.
 */
export function base64Utf8(text: string): string {
  const bytes = encoder.encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Decodes base64 into UTF-8 text; throws on input that is not base64. */
export function decodeBase64Utf8(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
