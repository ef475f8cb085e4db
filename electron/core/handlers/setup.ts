import type { Handlers } from '../router';

export const setupHandlers = {
  'setup.status': (_input, { core }) => ({ vaultExists: core.vaultExists() }),
  'setup.recoveryCode': (_input, { core }) => {
    const { recoveryCode, confirmGroups } = core.beginSetup();
    return { recoveryCode, confirmGroups };
  },
  'setup.create': (input, { core }) => core.completeSetup(input),
} satisfies Partial<Handlers>;
