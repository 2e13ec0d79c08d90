// Type declarations of cookie-charter's JavaScript API (dist/cookie-charter.js).

/** The visitor's choice: one boolean per charter category (`audience`, `necessary`, …). */
export interface Consent {
  /** Whether audience measurement is accepted. */
  audience: boolean;
  /** Always true: necessary cookies need no consent. */
  necessary: boolean;
  /** Every category of the charter and whether it is accepted (a category of services: all of them). */
  categories: Record<string, boolean>;
  /** For a charter with services: every service and whether it is accepted. */
  services?: Record<string, boolean>;
  /** When the choice was made, in Unix seconds. */
  decidedAt: number;
  /** The revision of the charter the choice answers (8 hex digits). */
  revision: string;
  /** Any other category of a custom charter. */
  [category: string]: boolean | number | string | Record<string, boolean> | undefined;
}

/** A consent receipt: the proof of one choice, kept in localStorage and sent to `receiptUrl`. */
export interface Receipt {
  /** Random UUID, also stored in the cookies_preferences cookie. */
  id: string;
  /** When the choice was made, in Unix seconds. */
  decidedAt: number;
  /** The charter revision answered. */
  revision: string;
  /** Every category and whether it was accepted. */
  choices: Record<string, boolean>;
  /** The language the texts were shown in. */
  lang: Lang;
  /** The page the choice was made on, without query or fragment. */
  page: string;
}

/** The component's languages. */
export type Lang = 'fr' | 'en' | 'es' | 'de' | 'it' | 'nl' | 'pt';

/** A text in French and optionally in the component's other languages (French when missing). */
export interface Text { fr: string; en?: string; es?: string; de?: string; it?: string; nl?: string; pt?: string }

/** The built-in services a charter may name by id. */
export type BuiltInService = 'matomo' | 'piano' | 'ga4' | 'eulerian' | 'youtube' | 'dailymotion' | 'vimeo' | 'umap';

/**
 * A service inside a category: a built-in one by id, a built-in id with what differs (its
 * script, say), or one of the charter's own (then `name` is required).
 */
export type Service =
  | BuiltInService
  | { id: BuiltInService; name?: Text; provider?: string; cookies?: string[]; script?: string }
  | { id: string; name: Text; provider?: string; cookies?: string[]; script?: string };

/** A charter, as in docs/charter.schema.json. */
export interface Charter {
  portal: string;
  url?: string;
  intro?: { heading?: Text; paragraphs?: Text[]; items?: Text[] }[];
  categories: {
    id: string; required?: boolean; title: Text; heading?: Text; description?: Text; erase?: string[];
    services?: Service[];
  }[];
  cookies: { category: string; provider?: string; service: Text; name?: string; purpose: Text; lifetime?: Text }[];
}

/** The options of `mount()`: the script tag's data attributes, in camelCase. */
export interface MountOptions {
  /** URL of the audience-measurement script (http(s) or relative); loaded only after opt-in. */
  audienceSrc?: string;
  /** Link to the portal's "Charte cookies" page. */
  policyUrl?: string;
  /** Language of the texts; default from `<html lang>` (region subtags ignored), then French. */
  lang?: Lang;
  /** Lifetime of a choice in days, 1 to 395 (default 182). */
  consentDays?: number;
  /** Domain attribute of the choice cookie, to share it across subdomains. */
  cookieDomain?: string;
  /**
   * Name of the choice cookie (default `cookies_preferences`): 1 to 64 letters, digits, `_`, `-`
   * or `.`. Opendatasoft's platform sets a `cookies_preferences` cookie of its own.
   */
  cookieName?: string;
  /** A built-in charter. */
  preset?: 'opendatasoft' | 'soregies' | 'bpce' | 'anru' | 'tco' | 'saintnazaire';
  /** The portal's charter: a URL to fetch, or the charter itself. */
  charter?: string | Charter;
  /** Show a small fixed button that reopens the preferences. */
  floatingButton?: boolean;
  /** Reload the page after a withdrawal. */
  reloadOnWithdraw?: boolean;
  /** Drive Google Consent Mode v2 (`gtag('consent', …)` on window.dataLayer). */
  googleConsentMode?: boolean;
  /** Drive Matomo's consent API (`_paq.push([...])`). */
  matomo?: boolean;
  /** Drive Piano Analytics' consent mode (`pa.consent.setMode`, `window.pdl.consent`). */
  piano?: boolean;
  /** Where to send each consent receipt (`navigator.sendBeacon`, JSON as text/plain). */
  receiptUrl?: string;
  /**
   * The portal on the consent register (`…/v1/portals/<portal>`): receipts go to its
   * `/receipts` (unless `receiptUrl` says otherwise), each banner shown is counted at its
   * `/impressions` (no id, no cookie).
   */
  registerUrl?: string;
  /**
   * Have the register set the choice cookie too (`registerUrl/choice`, with credentials), so
   * that Safari keeps it past seven days when the register is served from the portal's front.
   */
  serverCookie?: boolean;
  /** CSP nonce for the scripts the component adds (default: the script tag's own nonce). */
  nonce?: string;
}

/**
 * Starts the component (banner if needed, charter elements, gated scripts). Resolves once
 * rendered. A second call, or a second script tag, does not create a second banner.
 * Invalid options are reported in the console and fall back safely.
 */
export function mount(options?: MountOptions): Promise<void>;

/** The current choice, or `null` before the visitor has chosen (or before `mount()`). */
export function getConsent(): Consent | null;

/** The receipt of the current choice, or `null`. */
export function getReceipt(): Receipt | null;

/** Opens the preferences panel. Rejects if `mount()` was not called. */
export function showPreferences(): Promise<void>;

/** Accepts every optional category; resolves with the new choice. */
export function acceptAll(): Promise<Consent>;

/** Refuses every optional category; resolves with the new choice. */
export function refuseAll(): Promise<Consent>;

/** Forgets the choice (its cookie, and the cookies of what was accepted) and shows the banner. */
export function reset(): Promise<void>;

/**
 * Calls `listener` after every choice (with `null` after `reset()`); returns a function that
 * unsubscribes. The same change is dispatched as `CustomEvent('cookie-charter:change')` on
 * `document`.
 */
export function on(type: 'change', listener: (consent: Consent | null) => void): () => void;

declare global {
  interface Window {
    /** The same API, for script-tag users. */
    CookieCharter: {
      mount: typeof mount;
      getConsent: typeof getConsent;
      getReceipt: typeof getReceipt;
      showPreferences: typeof showPreferences;
      acceptAll: typeof acceptAll;
      refuseAll: typeof refuseAll;
      reset: typeof reset;
      on: typeof on;
    };
  }
  interface DocumentEventMap {
    'cookie-charter:change': CustomEvent<Consent | null>;
  }
}
