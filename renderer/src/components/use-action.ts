import { useCallback, useRef, useState } from 'react';
import { type Problem, problemOf } from '../stores/app';

export interface ActionState {
  pending: boolean;
  problem: Problem | null;
}

/**
 * Runs one user action at a time and keeps its pending flag and failure for the form that
 * started it. Resolves with the action's value, or undefined when it failed (the problem is kept).
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): [(...args: A) => Promise<R | undefined>, ActionState] {
  const [state, setState] = useState<ActionState>({ pending: false, problem: null });
  const running = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (running.current) return undefined;
      running.current = true;
      setState({ pending: true, problem: null });
      try {
        const value = await action(...args);
        setState({ pending: false, problem: null });
        return value;
      } catch (error) {
        setState({ pending: false, problem: problemOf(error) });
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [action],
  );
  return [run, state];
}
