import { registerSpecs } from './openapi';
import { coreSpecs } from './core-spec';
import { specs as programmes } from '../programmes/api-spec';
import { specs as cases } from '../cases/api-spec';
import { specs as reporting } from '../reporting/api-spec';
import { specs as grants } from '../grants/api-spec';
import { specs as analysis } from '../analysis/api-spec';

/** Every domain's endpoint list, in the order the OpenAPI document shows them. */
registerSpecs(coreSpecs);
registerSpecs(programmes);
registerSpecs(cases);
registerSpecs(reporting);
registerSpecs(grants);
registerSpecs(analysis);
