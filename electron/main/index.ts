import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

// The folder of the bundled main.js, beside preload.js and above the renderer build. Not
// `new URL('.', import.meta.url)`: Vite would treat that as an asset and inline it.
const buildDir = import.meta.dirname;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    title: 'Tessera',
    webPreferences: {
      preload: join(buildDir, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  if (MAIN_WINDOW_VITE_DEV_SERVER_URL) {
    void window.loadURL(MAIN_WINDOW_VITE_DEV_SERVER_URL);
  } else {
    void window.loadFile(join(buildDir, '..', 'renderer', MAIN_WINDOW_VITE_NAME, 'index.html'));
  }
  return window;
}

void app.whenReady().then(() => {
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
