/** What a failed form action hands back to its page (see server/forms.ts `runForm`). */
export interface FormFailureView {
  errors: Record<string, string>;
  message?: string;
  values: Record<string, string>;
}

/** The failure part of a page's `form` prop, whatever else its actions return on success. */
export function failureOf(form: unknown): FormFailureView | undefined {
  return form && typeof form === 'object' && 'errors' in form ? (form as FormFailureView) : undefined;
}
