import type { z } from 'zod';
import type { Role } from '../roles';

/**
 * `public` channels are the only ones callable without a session: first run and signing in.
 * Every other channel names the roles allowed to call it, and the router checks it on every call.
 */
export type Access = 'public' | readonly Role[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** A session that must change its password may still call this channel. */
  allowedWhilePasswordChangeRequired?: boolean;
}

/** Keeps `access` as written ('public' or a role list), so core can give public handlers a context without a user. */
export const channel = <I extends z.ZodType, O extends z.ZodType, A extends Access>(def: ChannelDef<I, O> & { access: A }): ChannelDef<I, O> & { access: A } =>
  def;
