import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { makeDirectory, writeFileAtomic } from '../protocol/atomic-file';

/**
 * The main window's size, place and maximized state across runs, kept in
 * `<dataDir>/window-state.json`, and put back only where a display can show it.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const rectangleSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const windowStateSchema = z.object({ bounds: rectangleSchema, maximized: z.boolean() });

export type WindowState = z.infer<typeof windowStateSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';

/** The saved state, or undefined when there is none or it cannot be read: the window then opens at its default size. */
export async function loadWindowState(dataDir: string): Promise<WindowState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await makeDirectory(dataDir);
  const text = `${JSON.stringify(windowStateSchema.parse(state), null, 2)}\n`;
  await writeFileAtomic(join(dataDir, WINDOW_STATE_FILE), new TextEncoder().encode(text));
}

/** Where the window opens: the saved bounds moved and shrunk into a display, or just the default size. */
export interface Placement {
  /** Absent x and y: let the OS centre the window on the primary display. */
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
}

/**
 * Saved bounds go on the display they overlap most, shrunk to its work area and moved fully
 * inside it; when they overlap none (that monitor is unplugged, the resolution changed), the
 * window opens at the default size where the OS puts it.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
  defaultSize: { width: number; height: number },
): Placement {
  const area = saved && largestOverlap(saved.bounds, workAreas);
  if (!saved || !area) return { bounds: { ...defaultSize }, maximized: saved?.maximized ?? false };
  const width = Math.min(saved.bounds.width, area.width);
  const height = Math.min(saved.bounds.height, area.height);
  const x = clamp(saved.bounds.x, area.x, area.x + area.width - width);
  const y = clamp(saved.bounds.y, area.y, area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

function largestOverlap(bounds: Rectangle, areas: readonly Rectangle[]): Rectangle | undefined {
  let best: Rectangle | undefined;
  let bestOverlap = 0;
  for (const area of areas) {
    const overlap = overlapArea(bounds, area);
    if (overlap > bestOverlap) {
      best = area;
      bestOverlap = overlap;
    }
  }
  return best;
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
