import type { EndpointSpec } from '../api/openapi';

/** The analysis domain's /api/v1 endpoints, for the OpenAPI document. */
export const specs: EndpointSpec[] = [];
