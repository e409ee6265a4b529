import type { MessageKey } from '$lib/i18n';

/**
 * The main menu. Each domain adds its entry here; `signedIn` entries show only to signed-in users.
 * (The pages themselves check access on the server; the menu only avoids dead ends.)
 */
export interface NavEntry {
  href: string;
  label: MessageKey;
  signedIn?: boolean;
}

export const NAV: NavEntry[] = [
  { href: '/', label: 'nav.start' },
  { href: '/lan', label: 'nav.counties' },
  { href: '/program', label: 'nav.programmes', signedIn: true },
  { href: '/analys', label: 'nav.analysis', signedIn: true },
  { href: '/arenden', label: 'cases.nav', signedIn: true },
  { href: '/resultatredovisning', label: 'reporting.nav', signedIn: true },
  { href: '/stod', label: 'nav.grants', signedIn: true }
];
