import type { Response } from 'express';
import { AriError, asteriskTime } from './ari.types';
import type { Params } from './http.params';
import type { Pbx } from './pbx';

// Read-mostly resources: stored recordings, applications, asterisk info, endpoints.
export const storedJson = (pbx: Pbx) => (p: Params) => {
  const { name, format } = pbx.recordings.getStored(p.required('recordingName'));
  return { name, format };
};

export const storedFile = (pbx: Pbx) => (p: Params, res: Response) => {
  const recording = pbx.recordings.getStored(p.required('recordingName'));
  res
    .status(200)
    .type(recording.format === 'wav' ? 'audio/wav' : 'application/octet-stream')
    .send(recording.bytes);
};

export const application = (pbx: Pbx) => (p: Params) => {
  const name = p.required('applicationName');
  if (!pbx.bus.registered.has(name)) throw new AriError(404, 'Application not found');
  return applicationJson(pbx, name);
};

export function applicationJson(pbx: Pbx, name: string): object {
  return {
    name,
    channel_ids: [...pbx.channels.values()].filter((c) => c.subscribers.has(name)).map((c) => c.id),
    bridge_ids: [...pbx.bridges.byId.values()].filter((b) => b.subscribers.has(name)).map((b) => b.id),
    endpoint_ids: [],
    device_names: [],
    events_allowed: [],
    events_disallowed: [],
  };
}

export function asteriskInfo(pbx: Pbx): object {
  return {
    build: { os: 'Linux', kernel: 'emulated', machine: 'x86_64', options: '', date: '', user: 'emulator' },
    system: { version: '18.0.0-emulator', entity_id: pbx.options.asteriskId },
    config: { name: 'emulator', default_language: 'en', setid: { user: '', group: '' } },
    status: { startup_time: asteriskTime(), last_reload_time: asteriskTime() },
  };
}

export function endpoints(pbx: Pbx): object[] {
  return [...pbx.dialer.behaviours.entries()].map(([endpoint, behaviour]) => {
    const [technology = 'PJSIP', resource = ''] = endpoint.split('/', 2);
    const state = behaviour.kind === 'unregistered' ? 'offline' : 'online';
    return { technology, resource, state, channel_ids: [] };
  });
}
