import type { Actor } from '$lib/server/auth/actor';
import type { Locale } from '$lib/i18n';

declare global {
  namespace App {
    interface Locals {
      actor: Actor | null;
      locale: Locale;
      /** The session cookie's token, for signing out. */
      sessionToken: string | null;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
