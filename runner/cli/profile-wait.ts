import { DEFAULT_PROFILE_WAIT } from '../profile/run-profile.js';
import { wholeNumber } from './numbers.js';

/** The longest --profile-wait: an hour. */
export const MAX_PROFILE_WAIT = 3_600;

/** --profile-wait SECONDS (0 to 3600; run and profile): how long the time probes may wait in all; default DEFAULT_PROFILE_WAIT. */
export const profileWait = (v: string | undefined): number =>
  v === undefined ? DEFAULT_PROFILE_WAIT : wholeNumber('profile-wait', v, { min: 0, max: MAX_PROFILE_WAIT });
