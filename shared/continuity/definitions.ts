import type { MeasureKey } from './measures';

/** Plain-language definition and source for each number, shown wherever the number is shown. */
export const MEASURE_DEFINITIONS: Record<MeasureKey | 'twoContacts90DaysApart' | 'contactInLast6Months', { name: string; plain: string; source: string }> = {
  coc: {
    name: 'Continuity of Care index (COC)',
    plain: 'How much contacts are concentrated with the same staff members, from 0 (always someone new) to 1 (always the same person).',
    source: 'Bice TW, Boxerman SB. A quantitative measure of continuity of care. Med Care. 1977;15(4):347-349.',
  },
  upc: {
    name: 'Usual Provider of Care (UPC)',
    plain: 'The share of contacts with the staff member seen most often.',
    source: 'Breslau N, Reeb KG. Continuity of care in a university-based practice. J Med Educ. 1975;50(10):965-969.',
  },
  secon: {
    name: 'Sequential Continuity (SECON)',
    plain: 'The share of back-to-back contacts where the person saw the same staff member as last time.',
    source: 'Steinwachs DM. Measuring provider continuity in ambulatory care. Med Care. 1979;17(6):551-565.',
  },
  mmci: {
    name: 'Modified Modified Continuity Index (MMCI)',
    plain: 'How few different staff members the person has seen for the number of contacts, from 0 (a new one each time) to 1 (one staff member).',
    source: 'Magill MK, Senf J. A new method for measuring continuity of care in family practice residencies. J Fam Pract. 1987;24(2):165-168.',
  },
  hhi: {
    name: 'Herfindahl-Hirschman Index (HHI)',
    plain: 'The sum of each staff member\'s squared share of contacts; higher means contacts are concentrated with fewer staff members.',
    source: 'Jee SH, Cabana MD. Indices for continuity of care: a systematic review of the literature. Med Care Res Rev. 2006;63(2):158-188.',
  },
  twoContacts90DaysApart: {
    name: 'Two contacts 90 days apart',
    plain: 'At least two contacts at least 90 days apart within the last 12 months. A description of the pattern, not a grade.',
    source: 'Retention-in-care measure adapted from HRSA HIV/AIDS Bureau performance measures (two visits 90 days apart).',
  },
  contactInLast6Months: {
    name: 'Contact in the last 6 months',
    plain: 'At least one contact within the last six months. Time away is a normal part of the pattern; the door stays open.',
    source: 'Gap-in-care view adapted from HRSA HIV/AIDS Bureau performance measures (no visit in the last 6 months).',
  },
};

export const NOT_ENOUGH_CONTACTS = 'Not enough contacts yet';
