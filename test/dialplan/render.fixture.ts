import { loadConfig } from '../../core/config';
import { parseDialTarget } from '../../core/domain/dial-target';
import type { Directory, DirectoryContact } from '../../core/units/directory';
import { type AsteriskSettings, asteriskSettings, sipSettingsFromEnv } from '../../dialplans/settings';

export const TEST_SECRETS = {
  ARI_PASSWORD: 'ari-pass;word',
  AMI_PASSWORD: 'ami-secret-1',
  SIP_SECRET_SEED: 'seed-for-tests-0123456789',
};

export function testSettings(
  env: Record<string, string> = {},
  dids: AsteriskSettings['dids'] = [],
): AsteriskSettings {
  const all = { ...TEST_SECRETS, ...env };
  return asteriskSettings(loadConfig(all), sipSettingsFromEnv(all), { dids });
}

function contact(id: number, name: string, dial: string): DirectoryContact {
  const parsed = parseDialTarget(dial);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { id, name, dial: parsed.target, confirmAnswer: parsed.target.kind === 'phone', active: true };
}

/** A hand-made organisation with hostile names, an inactive unit and desk phones. */
export function smallDirectory(): Directory {
  return {
    hotline: { number: '024 3838 1234', e164: '+842438381234', name: 'Đường dây nóng thử' },
    units: [
      {
        code: '0',
        name: 'Văn phòng quận',
        kind: 'district',
        active: true,
        fallbackCode: null,
        contacts: [contact(101, 'Trực ban', '0912345678'), contact(102, 'Bàn tổng đài', 'PJSIP/desk0')],
      },
      {
        code: '5',
        name: 'Phường X\n[evil]\nexten => 666,1,Dial(PJSIP/evil) ;-- swallow',
        kind: 'ward',
        active: true,
        fallbackCode: '0',
        contacts: [contact(501, 'Chủ tịch\r\n[ward5]\ntype = aor;--', 'PJSIP/ward5')],
      },
      {
        code: '77',
        name: 'Phường đã sáp nhập',
        kind: 'ward',
        active: false,
        fallbackCode: '0',
        contacts: [contact(771, 'Cũ', 'PJSIP/old77')],
      },
    ],
  };
}
