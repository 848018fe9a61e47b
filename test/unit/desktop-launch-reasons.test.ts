import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { appStartFailure, downloadFailureReason, missingDisplayReason, type DownloadFailure } from '../../core/desktop/launch-reasons.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'electron-start');
const recorded = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

describe('a display', () => {
  test('Linux without DISPLAY or WAYLAND_DISPLAY has none', () => {
    expect(missingDisplayReason({ platform: 'linux', env: {} })).toMatch(/^there is no display here \(neither DISPLAY nor WAYLAND_DISPLAY is set/);
    expect(missingDisplayReason({ platform: 'linux', env: { DISPLAY: '' } })).not.toBeNull();
  });
  test('X11 or Wayland is enough; macOS and Windows always have one', () => {
    expect(missingDisplayReason({ platform: 'linux', env: { DISPLAY: ':0' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'darwin', env: {} })).toBeNull();
    expect(missingDisplayReason({ platform: 'win32', env: {} })).toBeNull();
  });
});

describe("Electron's binary download", () => {
  // install.js prints only the error's stack; on a machine without network it is this one line.
  const base: DownloadFailure = {
    version: '45.4.1',
    source: 'https://github.com/electron/electron/releases/download/',
    timedOut: false,
    timeoutS: 300,
    installerOutput: 'TypeError: fetch failed\n',
    probe: null,
  };

  test('no DNS means offline, and names the host', () => {
    const reason = downloadFailureReason({ ...base, probe: { reached: false, code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND github.com' } });
    expect(reason).toBe(
      "Electron 45.4.1's binary could not be downloaded: this machine is offline or cannot resolve github.com (ENOTFOUND); once online, `npm start` fetches it again (or `npx install-electron --no`; ELECTRON_MIRROR names a mirror)",
    );
  });

  test('a refused connection names the mirror and port', () => {
    const reason = downloadFailureReason({ ...base, source: 'http://10.0.0.5:8080/electron/', probe: { reached: false, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.5:8080' } });
    expect(reason).toContain('10.0.0.5:8080 refused the connection (ECONNREFUSED)');
  });

  test('a timeout says how long it waited and how to allow longer', () => {
    const reason = downloadFailureReason({ ...base, timedOut: true, timeoutS: 120 });
    expect(reason).toContain('did not finish downloading from github.com within 120 s');
    expect(reason).toContain('EDGELAB_ELECTRON_DOWNLOAD_TIMEOUT_S');
  });

  test('a reachable server that answers 404 is a mirror without this version', () => {
    const reason = downloadFailureReason({
      ...base,
      source: 'https://mirror.example/electron/',
      installerOutput: 'HTTPError: Response code 404 (Not Found) for https://mirror.example/electron/v45.4.1/electron-v45.4.1-linux-x64.zip\n    at Request.<anonymous>',
      probe: { reached: true, status: 200 },
    });
    expect(reason).toContain('mirror.example answered HTTP 404');
    expect(reason).toContain('check ELECTRON_MIRROR');
  });

  test('anything else quotes the installer and says how to see the whole error', () => {
    const reason = downloadFailureReason({ ...base, installerOutput: 'Error: EACCES: permission denied, mkdir node_modules/electron/dist\n    at async open', probe: { reached: true, status: 302 } });
    expect(reason).toBe("Electron 45.4.1's installer failed (Error: EACCES: permission denied, mkdir node_modules/electron/dist); `npx install-electron --no` in the edgelab folder shows the whole error");
  });
});

describe('the app ending before its window opened', () => {
  test("Ubuntu 24.04's sandbox refusal (recorded) names the cause and the helper's fix", () => {
    const failure = appStartFailure(recorded('suid-sandbox-appimage-ubuntu-24.04.txt'), { code: null, signal: 'SIGTRAP' });
    expect(failure.reason).toContain("Chromium's sandbox refused to start: Ubuntu 24.04 and later");
    expect(failure.reason).toContain('apparmor_restrict_unprivileged_userns');
    expect(failure.fix).toBe(
      'make the helper setuid root once: sudo chown root:root /tmp/.mount_BitwarNfStY1/chrome-sandbox && sudo chmod 4755 /tmp/.mount_BitwarNfStY1/chrome-sandbox (or give Electron an AppArmor profile with "userns," as README.md shows)',
    );
  });

  test("AppArmor denying the zygote's user namespace points at the AppArmor profile", () => {
    // As quoted in aaddrick/claude-desktop-debian PR #687 (Ubuntu 24.04+, X11, deb with a 4755 helper).
    const failure = appStartFailure('FATAL:sandbox/linux/services/credentials.cc:131] Check failed: . : Permission denied (13)\nTrace/breakpoint trap (core dumped)\n', { code: 133, signal: null });
    expect(failure.reason).toContain('AppArmor denies it the user namespaces');
    expect(failure.fix).toContain('AppArmor profile with "userns,"');
  });

  test('a display that cannot be opened (recorded) is not called a missing one', () => {
    const failure = appStartFailure(recorded('missing-x-server-ubuntu-25.04.txt'), { code: null, signal: 'SIGSEGV' });
    expect(failure.reason).toMatch(/^the display named by DISPLAY\/WAYLAND_DISPLAY cannot be opened/);
    expect(failure.fix).toBeUndefined();
  });

  test('an unknown failure quotes the last line and the exit', () => {
    const failure = appStartFailure('App threw an error during load\nError: Cannot find module \'/x/dist/electron/main.js\'\n    at Module._resolveFilename\n', { code: 1, signal: null });
    expect(failure.reason).toBe("the desktop app exited with code 1 before its window opened (last output: Error: Cannot find module '/x/dist/electron/main.js')");
  });
});
