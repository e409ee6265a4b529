import { registerSpecs } from './openapi';
import { coreSpecs } from './core-spec';

/** Every domain's endpoint list, in the order the OpenAPI document shows them. */
registerSpecs(coreSpecs);
