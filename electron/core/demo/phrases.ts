/** Synthetic, person-first wording for demo records. No real people are described. */
export const FIRST_NAMES = [
  'Alex', 'Sam', 'Jordan', 'Taylor', 'Casey', 'Riley', 'Jamie', 'Morgan', 'Avery', 'Quinn', 'Rosa', 'Dwayne', 'Lena', 'Marcus',
  'Tasha', 'Luis', 'Kim', 'Darnell', 'Megan', 'Tony', 'Crystal', 'Ray', 'Angela', 'Hector', 'Brandy', 'Jesse', 'Nadia', 'Curtis',
  'Wendy', 'Omar', 'Trina', 'Shawn', 'Donna', 'Eli', 'Marisol', 'Frank', 'Keisha', 'Dale', 'Yolanda', 'Cody',
];
export const LAST_NAMES = [
  'Okafor', 'Jackson', 'Nguyen', 'Rivera', 'Smith', 'Johnson', 'Begay', 'Martinez', 'Walker', 'Chen', 'Harris', 'Lopez', 'Brown',
  'Wilson', 'Garcia', 'Yazzie', 'Davis', 'Moore', 'Clark', 'Lewis', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams',
];
export const PRONOUNS = ['she/her', 'he/him', 'they/them', 'she/they', 'he/they'];
export const GOALS = [
  'Get my ID back',
  'Keep my dog with me',
  'See my kids on weekends',
  'Get on the housing list',
  'Find a dentist',
  'Use less on weekdays',
  'Stay out of the hospital this winter',
  'Get my own phone',
  'Sort out my benefits',
  'Have somewhere safe to sleep',
  'Get my leg wound healed',
  'Start buprenorphine when I am ready',
  'Reconnect with my sister',
  'Keep my job at the warehouse',
];
export const MOMENTS = [
  'Came back after the first missed appointment',
  'First time they shared their story with us',
  'Accepted a referral for the first time',
  'Brought a friend to the drop-in',
  'Asked for help with something new',
  'Stayed for coffee and a long talk',
  'Called us first after a hard week',
];
export const WHAT_MATTERED = [
  'Warm socks and a quiet place to sit',
  'Talking about their kids',
  'Getting a phone charger',
  'Worried about a friend',
  'Wanted naloxone for the camp',
  'Paperwork for benefits',
  'A wound that has been bothering them',
  'Just checking in',
  'Food and a shower',
  'Housing appointment next week',
  '',
  '',
];
export const NOTES = [
  'Dressed a small wound on the hand; will check again next visit.',
  'Talked through safer smoking supplies.',
  'Offered testing; not right now.',
  'Dropped off supplies at the usual spot.',
  'Shared where the new drop-in hours are posted.',
  '',
];
export const SUBSTANCES = ['Fentanyl', 'Heroin', 'Methamphetamine', 'Cocaine', 'Alcohol', 'Xylazine', 'Benzodiazepines', 'Cannabis'];
export const REFERRALS = ['Housing navigator', 'Primary care', 'Dental clinic', 'Legal aid', 'Buprenorphine clinic', 'Food bank'];
export const LOCATIONS = ['Behind the library', 'Camp by the river', 'Bus station', 'A friend\'s apartment', 'Outside the shelter'];
