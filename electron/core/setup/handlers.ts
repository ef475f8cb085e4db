import type { Handlers } from '../router';

export const setupHandlers = {
  'setup.status': (_input, { services }) => ({ vaultExists: services.setup.vaultExists() }),
  'setup.recoveryCode': (_input, { services }) => {
    const { recoveryCode, confirmGroups } = services.setup.begin();
    return { recoveryCode, confirmGroups };
  },
  'setup.create': (input, { services }) => services.setup.complete(input),
} satisfies Partial<Handlers>;
