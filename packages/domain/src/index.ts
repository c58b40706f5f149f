export * from './text.ts';
export * from './result.ts';
export * from './fields.ts';
export * from './templates.ts';
export * from './table-model.ts';
export * from './numbering.ts';
