/**
 * What one client may cost the app. The UI sends a few calls a second and receives a few events;
 * these bounds sit far above that and far below what would hurt the process that trains.
 */
export const BRIDGE_LIMITS = {
  /** The largest frame a client may send; the contract's biggest arguments are a few KiB. */
  maxPayloadBytes: 1024 * 1024,
  /** A browser tab or two, a headless rig's scripts and the tests, with room to spare. */
  maxConnections: 16,
  /** Calls admitted at once, then per second: a screen that loads a dozen things fits easily. */
  burstCalls: 100,
  callsPerSecond: 50,
  /** Refused calls in a row before the client is taken for a flood and disconnected. */
  floodStrikes: 50,
  /**
   * Unsent bytes a client may leave queued before it is dropped: a peer that stops reading would
   * otherwise grow this process's memory with every event.
   */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** How long a closing client has to answer the close before its socket is cut. */
  closeGraceMs: 1_000,
} as const;
