import packageJson from '../../../package.json';

/** Written into every manifest, so a bundle says which Doorway made it. */
export const APP_VERSION: string = packageJson.version;
