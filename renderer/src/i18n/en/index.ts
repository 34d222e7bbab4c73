import { app } from './app';
import { common } from './common';
import { dashboard } from './dashboard';
import { earnings } from './earnings';
import { errors } from './errors';
import { logs } from './logs';
import { network } from './network';
import { networkChoice } from './network-choice';
import { onboarding } from './onboarding';
import { providers } from './providers';
import { settings } from './settings';
import { wallet } from './wallet';

/** English; each screen adds its part here. */
export const en = {
  common,
  logs,
  settings,
  wallet,
  networkChoice,
  providers,
  onboarding,
  errors,
  app,
  dashboard,
  earnings,
  network,
};
