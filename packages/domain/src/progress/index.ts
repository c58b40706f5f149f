/**
 * Year-round tracking of a signed plan (DESIGN.md, "The year after signing"):
 *
 *   model.ts       the progress record, its statuses and limits, reporting periods, the plan's settings
 *   due.ts         which rows are due in which period, and which are late
 *   indicator.ts   an indicator's measured value against its target
 *   summary.ts     counts by status, late rows, who reported, the year-end evaluation
 *   carry-over.ts  which rows go over to next year's plan, with their years rolled
 *   report.ts      the department, consolidated and year-end reports as data, with their editable texts
 *   report-body.ts the wording of a report's sections and its detail appendix, for every document
 *   next-year.ts   next year's plan from this one: the preview, what the server writes, last year's evaluation
 *   current.ts     the period to report now, reminders, the departments × periods matrix and timeline
 */
export * from './model.ts';
export * from './due.ts';
export * from './indicator.ts';
export * from './summary.ts';
export * from './carry-over.ts';
export * from './current.ts';
export * from './next-year.ts';
export * from './report.ts';
export * from './report-body.ts';
