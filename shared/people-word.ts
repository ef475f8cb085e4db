/**
 * The word for the people served is a clinic setting (DESIGN.md, Care principles). Code says `person`;
 * screens say what the clinic chose.
 */
export const PEOPLE_WORDS = ['patient', 'participant', 'client'] as const;
export type PeopleWord = (typeof PEOPLE_WORDS)[number];
