import { z } from 'zod';

export const ISO_THEMES = ['organizational', 'people', 'physical', 'technological'] as const;
export type IsoTheme = (typeof ISO_THEMES)[number];

/** Annex A clause number of each theme: control 8.24 belongs to `technological`. */
export const ISO_THEME_CLAUSE: Record<IsoTheme, string> = {
  organizational: '5',
  people: '6',
  physical: '7',
  technological: '8',
};

export const TSC_CATEGORIES = ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;
export type TscCategory = (typeof TSC_CATEGORIES)[number];

export const RULE_ID = /^EVD-[A-Z]+-\d{3}$/;

const text = z.string().trim().min(1);

function frameworkHeader<Id extends string>(id: Id) {
  return z.strictObject({
    id: z.literal(id),
    name: text,
    version: text,
    publisher: text,
    url: z.url({ protocol: /^https$/ }),
  });
}

const controlCommon = {
  title: text,
  /** Whether configuration scanning can evidence the control at all; if not it is reported as manual. */
  automatable: z.boolean().default(false),
};

export const isoCatalogSchema = z.strictObject({
  framework: frameworkHeader('iso27001-2022'),
  controls: z.array(
    z.strictObject({
      id: z.string().regex(/^[5-8]\.\d{1,2}$/, 'expected an Annex A control id such as "8.24"'),
      ...controlCommon,
      theme: z.enum(ISO_THEMES),
      /** ISO/IEC 27001:2013 Annex A controls it replaces (ISO/IEC 27002:2022 Annex B); [] when new in 2022. */
      predecessors: z.array(z.string().regex(/^A\.\d{1,2}\.\d\.\d{1,2}$/, 'expected a 2013 Annex A id such as "A.10.1.1"')),
    }),
  ),
});

export const soc2CatalogSchema = z.strictObject({
  framework: frameworkHeader('soc2-2017'),
  series: z.array(
    z.strictObject({
      id: z.string().regex(/^[A-Z]+\d$/, 'expected a series id such as "CC6"'),
      title: text,
      category: z.enum(TSC_CATEGORIES),
    }),
  ),
  controls: z.array(
    z.strictObject({
      id: z.string().regex(/^[A-Z]+\d\.\d{1,2}$/, 'expected a criterion id such as "CC6.1"'),
      series: z.string(),
      ...controlCommon,
    }),
  ),
});

export const gdprCatalogSchema = z.strictObject({
  framework: frameworkHeader('gdpr'),
  controls: z.array(
    z.strictObject({
      id: z.string().regex(/^\d{1,2}(\(\d{1,2}\)(\([a-z]\))?)?$/, 'expected an article reference such as "32" or "32(1)(a)"'),
      /** The article a paragraph or point belongs to. */
      parent: z.string().optional(),
      ...controlCommon,
    }),
  ),
});

/** `controls/<framework>/mapping.yaml`: control id → the Evident rules that evidence it. */
export const mappingSchema = z.record(
  z.string(),
  z.strictObject({
    rules: z.array(z.string().regex(RULE_ID, 'expected a rule id such as "EVD-ENC-001"')).min(1),
    /** Why the rules evidence the control; auditors read it. */
    rationale: text,
  }),
);

export type IsoCatalogFile = z.infer<typeof isoCatalogSchema>;
export type Soc2CatalogFile = z.infer<typeof soc2CatalogSchema>;
export type GdprCatalogFile = z.infer<typeof gdprCatalogSchema>;
export type MappingFile = z.infer<typeof mappingSchema>;
