/** Messages of the grants domain. Swedish first; English must have every key (the type checker enforces it). */
export const sv = {} as const;

export const en: Record<keyof typeof sv, string> = {};
