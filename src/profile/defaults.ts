import type { Profile } from './schema.js';

/** Evident's built-in profile: the numbers of the organisation's architecture documents (../shared/seeds). */
export const defaultProfile: Profile = {
  kubernetes: {
    forbiddenCapabilities: ['SYS_ADMIN', 'NET_ADMIN', 'ALL'],
    exposedServiceTypes: ['LoadBalancer', 'NodePort'],
  },
};
