/**
 * The parameters a payload carries, in order: names (Hugging Face LLaMA naming) and shapes. The
 * engine's `parameterShapes(config)` is the source; protocol takes it as plain data so it needs
 * nothing from the engine.
 */
export type ParameterLayout = readonly (readonly [name: string, shape: readonly number[]])[];

export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
