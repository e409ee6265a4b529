import type { DemoStep } from '../demo/types';

/** Demo content of the cases domain (filled in by that domain's work). */
export const demo: DemoStep = async () => {};
