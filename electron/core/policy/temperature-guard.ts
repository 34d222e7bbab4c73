import type { PauseReason } from '../../contract/node';

/**
 * Pauses at `limitC` and stays paused until the GPU is below `limitC - hysteresisC`, so training
 * does not flap on and off around the limit. A missing reading pauses nothing but keeps the
 * latch: a reading that comes back inside the band still waits for the GPU to cool.
 */
export class TemperatureGuard {
  #hot = false;

  evaluate(
    temperatureC: number | undefined,
    limitC: number,
    hysteresisC: number,
  ): PauseReason | undefined {
    if (temperatureC === undefined) return undefined;
    const resumeBelowC = limitC - hysteresisC;
    if (temperatureC >= limitC) this.#hot = true;
    else if (temperatureC < resumeBelowC) this.#hot = false;
    if (!this.#hot) return undefined;
    return {
      kind: 'temperature',
      message: `Paused: GPU at ${Math.round(temperatureC)} °C, resumes below ${decimal(resumeBelowC)} °C`,
    };
  }
}

const decimal = (value: number): string => String(Number(value.toFixed(1)));
