/**
 * The app's identity to the OS: macOS bundle id, Windows AppUserModelID (toasts are matched to
 * the Start-menu shortcut by it) and electron-builder's appId, which must all be this string.
 */
export const APP_ID = 'network.tessera.desktop';
