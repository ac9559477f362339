/** policy.get: what the options page shows as "Set by your organisation", and the ignored values. */
import type { Handlers } from '../messaging/router';
import { policyValues } from '../policy/parse';
import type { PolicyField } from '../policy/types';
import { readPolicy } from './policy-source';

export const policyHandlers: Handlers = {
  'policy.get': async () => {
    const { policy, notes } = await readPolicy();
    return { set: Object.keys(policyValues(policy)) as PolicyField[], lock: policy.lock, sites: policy.sites ?? [], notes };
  },
};
