import { contextBridge, ipcRenderer } from 'electron';
import { version } from '../../package.json';
import { createTesseraApi } from './tessera-api';

// The renderer's only door to the app.
contextBridge.exposeInMainWorld('tessera', createTesseraApi(ipcRenderer, version));
