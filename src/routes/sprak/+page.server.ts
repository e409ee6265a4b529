import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isLocale } from '$lib/i18n';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const data = await request.formData();
    const locale = data.get('locale');
    const target = String(data.get('redirectTo') ?? '/');
    if (isLocale(locale)) cookies.set('rsp_locale', locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    redirect(303, target.startsWith('/') && !target.startsWith('//') ? target : '/');
  }
};
