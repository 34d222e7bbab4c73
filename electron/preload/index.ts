import { contextBridge } from 'electron';
import { version } from '../../package.json';

// The renderer's only door to the app. For now it learns the version; the contract's methods and
// events join it as they are built, and nothing else ever does.
contextBridge.exposeInMainWorld('tessera', Object.freeze({ version }));
