import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelName, DoorwayBridge, EventName, Events, InputOf, OutputOf } from '../../shared/contract';
import { isKnownChannel, isKnownEvent } from '../../shared/contract/names';
import type { AppError, Result } from '../../shared/result';
import type { PdfRequest, PdfResult } from '../../shared/print';
import { CHOOSE_FOLDER_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_PDF_CHANNEL } from '../main/ipc-names';

/*
 * The renderer's only way out of its sandbox: a typed invoke and subscribe built from the contract.
 * ipcRenderer itself, and the IpcRendererEvent that carries a reference to it, never cross the bridge.
 */

/*
 * The preload stays thin (no message catalogs): its two refusals are written out, with the keys the
 * renderer says them by (shared/messages/en-general.json holds the same English).
 */
const refused = (error: AppError): Promise<{ ok: false; error: AppError }> => Promise.resolve({ ok: false, error });
const UNKNOWN_CHANNEL: AppError = { code: 'UNKNOWN_CHANNEL', key: 'general.unknownChannel', message: 'That action is not part of Doorway.' };
const UNREACHABLE: AppError = {
  code: 'INTERNAL',
  key: 'general.unreachable',
  message: 'Doorway could not reach its records just now. Nothing was changed; please try again.',
};

const bridge = {
  invoke<K extends ChannelName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    if (!isKnownChannel(name)) return refused(UNKNOWN_CHANNEL);
    return (ipcRenderer.invoke(INVOKE_CHANNEL, name, input) as Promise<Result<OutputOf<K>>>).catch(() => refused(UNREACHABLE));
  },

  subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
    if (!isKnownEvent(name) || typeof listener !== 'function') return () => undefined;
    const onEvent = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload as Events[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },

  chooseFolder(): Promise<string | null> {
    return (ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL) as Promise<unknown>).then(
      (path) => (typeof path === 'string' ? path : null),
      () => null,
    );
  },

  savePdf(request: PdfRequest): Promise<PdfResult> {
    return (ipcRenderer.invoke(SAVE_PDF_CHANNEL, request) as Promise<PdfResult>).catch((): PdfResult => ({ saved: false, reason: 'failed' }));
  },
} satisfies DoorwayBridge;

contextBridge.exposeInMainWorld('doorway', bridge);
