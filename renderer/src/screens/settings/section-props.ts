import type { Settings, SettingsPatch } from '../../../../electron/contract/settings';

/** Every section edits the draft: it reads the current values and proposes a change. */
export interface SectionProps {
  value: Settings;
  change: (patch: SettingsPatch) => void;
}
