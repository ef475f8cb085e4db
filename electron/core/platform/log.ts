/** Where core reports what went wrong without telling the person at the keyboard (main's log, the preview's stderr). */
export type Log = (message: string, error?: unknown) => void;

export const silentLog: Log = () => {};
