import { useEffect } from 'react';
import type { Settings } from '../../../electron/contract/settings';

/**
 * Applies the theme setting as an attribute the stylesheet reads; "system" leaves it to
 * prefers-color-scheme. An attribute rather than injected CSS keeps the CSP free of unsafe-inline.
 */
export function useTheme(theme: Settings['theme'] | undefined) {
  useEffect(() => {
    const root = document.documentElement;
    if (theme && theme !== 'system') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
