// The consent receipt's storage and sending, for web::receipts: the receipt is kept in
// localStorage and, when data-receipt-url is set, sent with navigator.sendBeacon. Nothing here
// decides anything (the receipt, its key and where it goes are Rust's), and nothing throws:
// where storage is disabled (a browser setting, some private modes, a sandboxed frame) even
// reading window.localStorage throws, and a failing storage must never stop what a choice does
// next. Each failure is one console message.

/** A random UUID (version 4) from the browser's cryptographic generator, or undefined. */
export function random_id() {
  try {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    // 8-4-4-4-12 hexadecimal digits.
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  } catch {
    return undefined;
  }
}

/** Keeps `receipt` (its JSON text) under `key`, and sends it to `url` unless that is undefined. */
export function keep_receipt(key, receipt, url) {
  try {
    localStorage.setItem(key, receipt);
  } catch {
    console.warn('[cookie-charter] the consent receipt could not be kept in localStorage');
  }
  if (url === undefined) return;
  let sent = false;
  try {
    sent = navigator.sendBeacon(url, receipt);
  } catch {
    // sent stays false: said below.
  }
  if (!sent) console.error(`[cookie-charter] the consent receipt could not be sent to ${JSON.stringify(url)}`);
}

/** The receipt kept under `key` (its JSON text), or null. */
export function kept_receipt(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Removes the receipt kept under `key` (reset()). */
export function forget_receipt(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    console.warn('[cookie-charter] the consent receipt could not be removed from localStorage');
  }
}
