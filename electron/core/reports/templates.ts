import type { ReportFigures, ReportTemplate } from '../../../shared/contract/reports';
import type { overdoseFigures } from './reports';

/**
 * Report shapes whose fields are published. Each row maps one published field to a Doorway figure
 * and says how Doorway counts it; a published field Doorway cannot fill honestly is listed under
 * "not mapped" instead of being guessed. The sources were read on their public pages; where a field
 * list could not be found, the template says so rather than inventing one.
 */

type OverdoseCounts = Awaited<ReturnType<typeof overdoseFigures>>;

export interface TemplateRow {
  /** The field's number or letter in the source, as published. */
  code: string;
  /** The field's name, as published. */
  field: string;
  value: number | string;
  /** How Doorway counts it, in plain words. */
  howCounted: string;
}

export interface TemplateSource {
  name: string;
  publisher: string;
  url: string;
}

/** Figures only some templates use, worked out by the export (reports/handlers.ts). */
export interface TemplateExtras {
  /** Different people given a naloxone training service, and which catalog services those are. */
  naloxoneTrained: { people: number; services: string[] };
}

/** A service is naloxone training when its name says both (the default catalog's "Naloxone training"). */
export const isNaloxoneTraining = (label: string): boolean => /naloxone|narcan/i.test(label) && /train/i.test(label);

export interface TemplateDef {
  id: ReportTemplate;
  title: string;
  sources: TemplateSource[];
  rows(f: ReportFigures, od: OverdoseCounts, settingWords: (s: string) => string, extras: TemplateExtras): TemplateRow[];
  notMapped: string[];
}

const SHARP = 'https://sharpta.uw.edu/syringe-services-program-monitoring-and-evaluation-resources/ssp-indicators-implementation-guide';

/**
 * (a) Syringe services program indicators: the SSP Indicators Implementation Guide by the University
 * of Washington's Supporting Harm Reduction Programs (SHaRP) team, written from an analysis of state
 * SSP data requirements with SSPs and funders. Its indicator tables are public, domain by domain.
 */
const sspIndicators: TemplateDef = {
  id: 'ssp_indicators',
  title: 'Syringe services program indicators',
  sources: [
    { name: 'SSP Indicators Implementation Guide: Service Coverage Indicators', publisher: 'University of Washington, Supporting Harm Reduction Programs (SHaRP)', url: `${SHARP}/ssp-indicators-implementation-guide-service-coverage-indicators` },
    { name: 'SSP Indicators Implementation Guide: Overdose Prevention Indicators', publisher: 'University of Washington, Supporting Harm Reduction Programs (SHaRP)', url: `${SHARP}/ssp-indicators-implementation-guide-overdose-prevention-indicators` },
  ],
  rows: (f, od, words) => [
    {
      code: '05',
      field: "Program's service model(s)",
      value: f.bySetting.map((s) => words(s.setting)).join('; ') || 'No contacts in the period',
      howCounted: 'The contact settings with at least one contact in the period (reported as a list, as the guide asks).',
    },
    {
      code: '06',
      field: 'Total participant visits',
      value: f.contacts,
      howCounted: 'Every contact in the period, people counted again at each visit (the guide: includes duplicated participants).',
    },
    {
      code: '11',
      field: 'Count of naloxone doses distributed',
      value: f.naloxoneKits,
      howCounted: 'Naloxone given, as quantities recorded against the naloxone supplies in the catalog (usually kits). Doorway does not record doses per kit: if your funder counts doses, multiply by the doses in your kits.',
    },
    {
      code: '12',
      field: 'Participant overdose experience',
      value: od.thisPerson,
      howCounted: 'Overdose responses recorded by staff in the period where the overdose was the person’s own. The guide recommends an anonymous point-in-time survey; this is what staff were told, not a survey.',
    },
    {
      code: '13',
      field: 'Reported overdose reversals',
      value: od.aliveBySomeoneWithThem,
      howCounted: 'Overdose responses recorded in the period where the person responded to someone they were with and that person was alive afterwards. The guide recommends an anonymous point-in-time survey; this is what staff were told, not a survey.',
    },
  ],
  notMapped: [
    'Indicators 01 to 03 and 09 to 10: their tables were not among the guide’s pages we could read, so they are not filled in here rather than guessed.',
    '04 Hours per week program operates, 07 Program activities, 08 Program needs and barriers: about the program, not the contacts; Doorway does not keep them.',
    '14 to 16 Participant age range, gender and race/ethnicity: the guide recommends an anonymous point-in-time survey; Doorway does not collect these.',
  ],
};

/**
 * (b) A naloxone program's quarterly report: the Ontario Naloxone Program's quarterly reporting form,
 * whose required questions are published in CAMH's user guide for the program's data system. A US
 * state program's published quarterly field list was not found; the one US state field used (overdose
 * reversals reported) is from California's Naloxone Distribution Project and is marked as such.
 */
const NASAL = /nasal/i;
const INJECTABLE = /inject/i;
const naloxoneQuarterly: TemplateDef = {
  id: 'naloxone_quarterly',
  title: 'Naloxone program quarterly report',
  sources: [
    { name: 'Ontario Naloxone Program (ONP) Quarterly Reporting Form: required questions (NEO user guide, "Naloxone" module)', publisher: 'Centre for Addiction and Mental Health (CAMH)', url: 'https://confluence.camh.ca/x/iR7IB' },
    { name: 'Naloxone Distribution Project: number of overdose reversals reported', publisher: 'California Department of Health Care Services (DHCS)', url: 'https://www.dhcs.ca.gov/individuals/Pages/Naloxone_Distribution_Project.aspx' },
  ],
  rows: (f, od, _words, extras) => {
    const naloxone = f.supplies.filter((s) => s.category === 'naloxone');
    const sum = (xs: typeof naloxone) => xs.reduce((a, x) => a + x.quantity, 0);
    const injectable = naloxone.filter((s) => INJECTABLE.test(s.label) && !NASAL.test(s.label));
    const nasal = naloxone.filter((s) => NASAL.test(s.label));
    const other = naloxone.filter((s) => !injectable.includes(s) && !nasal.includes(s));
    const names = (xs: typeof naloxone) => (xs.length ? xs.map((x) => `"${x.label}"`).join(', ') : 'none given in the period');
    return [
      { code: 'ONP i', field: 'Number of injectable kits distributed', value: sum(injectable), howCounted: `Quantities of the naloxone supplies whose name says injectable: ${names(injectable)}.` },
      { code: 'ONP ii', field: 'Number of nasal spray naloxone kits distributed', value: sum(nasal), howCounted: `Quantities of the naloxone supplies whose name says nasal: ${names(nasal)}.` },
      ...(other.length
        ? [{ code: '', field: 'Other naloxone given (neither nasal nor injectable by name)', value: sum(other), howCounted: `Shown so no naloxone is left out: ${names(other)}.` }]
        : []),
      {
        code: 'ONP iii',
        field: 'Number of individuals trained to administer naloxone',
        value: extras.naloxoneTrained.people,
        howCounted: extras.naloxoneTrained.services.length
          ? `Different people given the service ${names(extras.naloxoneTrained.services.map((label) => ({ label, category: 'naloxone', quantity: 0 })))} at a contact in the period. People trained outside a recorded contact are not counted.`
          : 'The catalog has no naloxone training service, so no one is counted: add one in Settings to record training.',
      },
      {
        code: 'CA NDP',
        field: 'Number of overdose reversals reported',
        value: od.aliveTotal,
        howCounted: 'Overdose responses recorded in the period where the person who overdosed was alive afterwards, whoever responded (California Naloxone Distribution Project field).',
      },
    ];
  },
  notMapped: [
    'ONP: Number of SINGLE injectable doses distributed, and of SINGLE nasal spray doses: Doorway records kits given, not doses.',
    'A US state naloxone program’s quarterly field list was not found in the public pages we could check; only the California field above is used.',
  ],
};

export const TEMPLATES: Record<ReportTemplate, TemplateDef> = { ssp_indicators: sspIndicators, naloxone_quarterly: naloxoneQuarterly };
