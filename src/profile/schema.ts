import { z } from 'zod';

/** The organisation profile: every number and list a policy reads. Defaults in defaults.ts come from the architecture documents. */
export const profileSchema = z.strictObject({
  kubernetes: z.strictObject({
    forbiddenCapabilities: z.array(z.string().min(1)).describe('Linux capabilities containers may not add (EVD-WKL-004).'),
    exposedServiceTypes: z.array(z.enum(['LoadBalancer', 'NodePort', 'ExternalName'])).describe('Service types that expose workloads outside the cluster (EVD-NET-002).'),
  }),
});

export type Profile = z.infer<typeof profileSchema>;

type DeepPartial<T> = T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type ProfileOverrides = DeepPartial<Profile>;

export const profileOverridesSchema = z.strictObject({
  kubernetes: profileSchema.shape.kubernetes.partial().optional(),
});
