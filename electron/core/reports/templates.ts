import type { ReportFigures, ReportTemplate } from '../../../shared/contract/reports';
import { msg, type Message, type MessageKey } from '../../../shared/messages';
import type { overdoseFigures } from './reports';

/**
 * Report shapes whose fields are published. Each row maps one published field to a Doorway figure
 * and says how Doorway counts it; a published field Doorway cannot fill honestly is listed under
 * "not mapped" instead of being guessed. The sources were read on their public pages; where a field
 * list could not be found, the template says so rather than inventing one.
 *
 * Language: a published field's code and name stay as the source publishes them (English), since the
 * funder's form and system match on those words; everything Doorway adds (the template's title, how
 * each figure is counted, what is not mapped) is a message, said in the exporting staff member's language.
 */

type OverdoseCounts = Awaited<ReturnType<typeof overdoseFigures>>;

export interface TemplateRow {
  /** The field's number or letter in the source, as published. */
  code: string;
  /** The field's name, as published (kept in the source's words), or Doorway's own name for an extra row. */
  field: string | Message;
  value: number | string;
  /** How Doorway counts it, in plain words. */
  howCounted: Message;
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

/** Words a row's value is made of, in the file's language: a contact setting's name, a message. */
export interface TemplateWords {
  setting(s: string): string;
  say(m: Message): string;
}

export interface TemplateDef {
  id: ReportTemplate;
  title: MessageKey;
  sources: TemplateSource[];
  rows(f: ReportFigures, od: OverdoseCounts, words: TemplateWords, extras: TemplateExtras): TemplateRow[];
  notMapped: MessageKey[];
}

const SHARP = 'https://sharpta.uw.edu/syringe-services-program-monitoring-and-evaluation-resources/ssp-indicators-implementation-guide';

/**
 * (a) Syringe services program indicators: the SSP Indicators Implementation Guide by the University
 * of Washington's Supporting Harm Reduction Programs (SHaRP) team, written from an analysis of state
 * SSP data requirements with SSPs and funders. Its indicator tables are public, domain by domain.
 */
const sspIndicators: TemplateDef = {
  id: 'ssp_indicators',
  title: 'reports.templates.ssp.title',
  sources: [
    { name: 'SSP Indicators Implementation Guide: Service Coverage Indicators', publisher: 'University of Washington, Supporting Harm Reduction Programs (SHaRP)', url: `${SHARP}/ssp-indicators-implementation-guide-service-coverage-indicators` },
    { name: 'SSP Indicators Implementation Guide: Overdose Prevention Indicators', publisher: 'University of Washington, Supporting Harm Reduction Programs (SHaRP)', url: `${SHARP}/ssp-indicators-implementation-guide-overdose-prevention-indicators` },
  ],
  rows: (f, od, words) => [
    {
      code: '05',
      field: "Program's service model(s)",
      value: f.bySetting.map((s) => words.setting(s.setting)).join('; ') || words.say(msg('reports.templates.ssp.noContacts')),
      howCounted: msg('reports.templates.ssp.how05'),
    },
    {
      code: '06',
      field: 'Total participant visits',
      value: f.contacts,
      howCounted: msg('reports.templates.ssp.how06'),
    },
    {
      code: '11',
      field: 'Count of naloxone doses distributed',
      value: f.naloxoneKits,
      howCounted: msg('reports.templates.ssp.how11'),
    },
    {
      code: '12',
      field: 'Participant overdose experience',
      value: od.thisPerson,
      howCounted: msg('reports.templates.ssp.how12'),
    },
    {
      code: '13',
      field: 'Reported overdose reversals',
      value: od.aliveBySomeoneWithThem,
      howCounted: msg('reports.templates.ssp.how13'),
    },
  ],
  notMapped: ['reports.templates.ssp.notMapped1', 'reports.templates.ssp.notMapped2', 'reports.templates.ssp.notMapped3'],
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
  title: 'reports.templates.naloxone.title',
  sources: [
    { name: 'Ontario Naloxone Program (ONP) Quarterly Reporting Form: required questions (NEO user guide, "Naloxone" module)', publisher: 'Centre for Addiction and Mental Health (CAMH)', url: 'https://confluence.camh.ca/x/iR7IB' },
    { name: 'Naloxone Distribution Project: number of overdose reversals reported', publisher: 'California Department of Health Care Services (DHCS)', url: 'https://www.dhcs.ca.gov/individuals/Pages/Naloxone_Distribution_Project.aspx' },
  ],
  rows: (f, od, words, extras) => {
    const naloxone = f.supplies.filter((s) => s.category === 'naloxone');
    const sum = (xs: typeof naloxone) => xs.reduce((a, x) => a + x.quantity, 0);
    const injectable = naloxone.filter((s) => INJECTABLE.test(s.label) && !NASAL.test(s.label));
    const nasal = naloxone.filter((s) => NASAL.test(s.label));
    const other = naloxone.filter((s) => !injectable.includes(s) && !nasal.includes(s));
    // The supplies' names are the clinic's own, quoted as they are in its catalog.
    const names = (xs: typeof naloxone) => (xs.length ? xs.map((x) => `"${x.label}"`).join(', ') : words.say(msg('reports.templates.naloxone.noneGiven')));
    return [
      { code: 'ONP i', field: 'Number of injectable kits distributed', value: sum(injectable), howCounted: msg('reports.templates.naloxone.howInjectable', { names: names(injectable) }) },
      { code: 'ONP ii', field: 'Number of nasal spray naloxone kits distributed', value: sum(nasal), howCounted: msg('reports.templates.naloxone.howNasal', { names: names(nasal) }) },
      ...(other.length
        ? [{ code: '', field: msg('reports.templates.naloxone.otherField'), value: sum(other), howCounted: msg('reports.templates.naloxone.howOther', { names: names(other) }) }]
        : []),
      {
        code: 'ONP iii',
        field: 'Number of individuals trained to administer naloxone',
        value: extras.naloxoneTrained.people,
        howCounted: extras.naloxoneTrained.services.length
          ? msg('reports.templates.naloxone.howTrained', { names: names(extras.naloxoneTrained.services.map((label) => ({ label, category: 'naloxone', quantity: 0 }))) })
          : msg('reports.templates.naloxone.howNoTraining'),
      },
      {
        code: 'CA NDP',
        field: 'Number of overdose reversals reported',
        value: od.aliveTotal,
        howCounted: msg('reports.templates.naloxone.howReversals'),
      },
    ];
  },
  notMapped: ['reports.templates.naloxone.notMapped1', 'reports.templates.naloxone.notMapped2'],
};

export const TEMPLATES: Record<ReportTemplate, TemplateDef> = { ssp_indicators: sspIndicators, naloxone_quarterly: naloxoneQuarterly };
