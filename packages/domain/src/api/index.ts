/**
 * The HTTP API's contracts: one zod schema per request body, query and answer, shared by the
 * server (its input checks, the types of its answers) and the web client (which parses every
 * answer with them). A field changed here fails the type check on both sides.
 */
export * from './errors.ts';
export * from './values.ts';
export * from './auth.ts';
export * from './plans.ts';
export * from './review.ts';
export * from './versions.ts';
export * from './imports.ts';
export * from './exports.ts';
export * from './next-year.ts';
export * from './reports.ts';
