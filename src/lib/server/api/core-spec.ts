import * as z from 'zod';
import { signInSchema, createTokenSchema, inviteSchema, updateUserSchema } from '../auth/accounts';
import type { EndpointSpec } from './openapi';

/** Schemas of the foundation's API responses; endpoints build their JSON to match these. */
const kind = z.enum(['region', 'lansstyrelse', 'municipality', 'agency', 'samverkansorgan', 'other']);
const organisationRef = z.object({ id: z.string(), name: z.string(), kind });
export const meSchema = z.object({
  user: z.object({ email: z.string(), name: z.string() }),
  organisation: organisationRef,
  role: z.enum(['admin', 'editor', 'reader'])
});
export const countySchema = z.object({
  code: z.string().length(2),
  name: z.string(),
  responsible: z.array(z.object({ period: z.string(), organisation: organisationRef }))
});
export const municipalitySchema = z.object({ code: z.string().length(4), name: z.string(), countyCode: z.string().length(2) });
export const organisationSchema = organisationRef.extend({ countyCode: z.string().nullable(), municipalityCode: z.string().nullable() });
export const municipalitiesQuery = z.object({ county: z.string().regex(/^\d{2}$/, { error: 'error.validation' }).optional() });
export const organisationsQuery = z.object({ kind: kind.optional(), county: z.string().regex(/^\d{2}$/).optional() });
const tokenSchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['admin', 'editor', 'reader']), disabled: z.boolean(), version: z.number() });
export const auditQuery = z.object({ entity: z.string().max(50).optional(), page: z.coerce.number().int().min(1).max(100_000).optional() });

export const coreSpecs: EndpointSpec[] = [
  { method: 'post', path: '/api/v1/session', summary: 'Sign in with e-mail and password; sets the session cookie', tag: 'session', auth: 'public', body: signInSchema, response: meSchema, errors: [401, 429] },
  { method: 'delete', path: '/api/v1/session', summary: 'Sign out', tag: 'session', auth: 'public', response: z.object({ ok: z.boolean() }) },
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in user, organisation and role', tag: 'session', auth: 'signed-in', response: meSchema },
  { method: 'get', path: '/api/v1/me/tokens', summary: 'My API tokens', tag: 'session', auth: 'signed-in', response: z.array(tokenSchema) },
  { method: 'post', path: '/api/v1/me/tokens', summary: 'Create an API token (returned once)', tag: 'session', auth: 'signed-in', body: createTokenSchema, response: tokenSchema.extend({ token: z.string() }) },
  { method: 'delete', path: '/api/v1/me/tokens/{id}', summary: 'Revoke an API token', tag: 'session', auth: 'signed-in', params: z.object({ id: z.string() }), response: z.object({ ok: z.boolean() }), errors: [404] },
  { method: 'get', path: '/api/v1/counties', summary: 'The 21 counties with the organisation responsible for the service programme per period', tag: 'reference', auth: 'public', response: z.array(countySchema) },
  { method: 'get', path: '/api/v1/municipalities', summary: 'The 290 municipalities, optionally of one county', tag: 'reference', auth: 'public', query: municipalitiesQuery, response: z.array(municipalitySchema) },
  { method: 'get', path: '/api/v1/organisations', summary: 'Organisations, optionally by kind or county', tag: 'reference', auth: 'public', query: organisationsQuery, response: z.array(organisationSchema) },
  { method: 'get', path: '/api/v1/organisations/{id}/users', summary: "An organisation's users (its admins only)", tag: 'users', auth: 'signed-in', params: z.object({ id: z.string() }), response: z.array(userSchema), errors: [404] },
  { method: 'post', path: '/api/v1/organisations/{id}/invitations', summary: 'Invite a user to the organisation (its admins only); returns the invitation link', tag: 'users', auth: 'signed-in', params: z.object({ id: z.string() }), body: inviteSchema, response: z.object({ id: z.string(), url: z.string(), expiresAt: z.string() }), errors: [404] },
  { method: 'patch', path: '/api/v1/users/{id}', summary: "Change a user's role or disable/enable the account (optimistic locking with version)", tag: 'users', auth: 'signed-in', params: z.object({ id: z.string() }), body: updateUserSchema, response: userSchema, errors: [404, 409] },
  { method: 'get', path: '/api/v1/organisations/{id}/audit', summary: "The organisation's audit log (its admins only)", tag: 'audit', auth: 'signed-in', params: z.object({ id: z.string() }), query: auditQuery, response: z.object({ rows: z.array(z.record(z.string(), z.unknown())), hasMore: z.boolean() }) },
  { method: 'get', path: '/api/v1/openapi.json', summary: 'This document', tag: 'meta', auth: 'public' }
];
