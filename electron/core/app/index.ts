export { type CoreOptions, createCore } from './core';
export type { CoreHandle, TrayState } from './core-handle';
