/**
 * The named types of the SDK: every schema of the spec and the body of every method, generated into
 * generated/names.ts, and the bodies typed per connector or rule type (src/per-type.ts). Resource
 * methods are declared with these names, so hovers and error messages show `Case`, not its shape.
 *
 * @packageDocumentation
 */
export type * from '../generated/names.js';
export type * from './per-type.js';
