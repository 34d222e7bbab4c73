/**
 * axe-core over a rendered component in jsdom. Colour contrast needs real layout and paint, which
 * jsdom does not do, so that one rule is left to the browser tests.
 */
import axe from 'axe-core';

export async function seriousA11yViolations(root: Element): Promise<string[]> {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
