/**
 * Every string the UI shows, in one catalogue assembled from a part per screen, so a translation
 * is one object of the same type. Components read `strings.<screen>.<key>`; strings with values
 * in them are functions.
 */
import { en } from './en';

export type Catalogue = typeof en;

export const strings: Catalogue = en;
