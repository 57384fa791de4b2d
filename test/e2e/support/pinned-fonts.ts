import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Where Debian's `fonts-dejavu-core` puts its faces (a dependency of fontconfig, so of both browsers). */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
/**
 * The faces the visual suites' browsers see: `fonts-dejavu-core`'s six, and nothing else. `fonts-dejavu-extra` puts
 * its obliques and condensed faces beside them, so the folder itself cannot be listed: a machine with it would render
 * italics and light weights otherwise than one without.
 */
const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'];
/** What each generic family (and the product's own stack, system-ui first) resolves to in the pinned browsers. */
const PINNED_FAMILIES = { 'sans-serif': 'DejaVu Sans', monospace: 'DejaVu Sans Mono', serif: 'DejaVu Serif' } as const;

let configFile: string | null = null;

/**
 * A fontconfig file (for `FONTCONFIG_FILE`) with which a browser sees only {@link FACES}, whatever fonts the machine
 * has, with the generic families and the rendering settings spelled out rather than taken from the machine's
 * `/etc/fonts`: the visual baselines then hold on any Debian machine (a desktop's `fonts-noto-mono` once turned every
 * monospace glyph into another font). The product's CSS keeps its system font stack; only the test browsers are pinned.
 */
export function pinnedFontconfigFile(): string {
  if (configFile) return configFile;
  const missing = FACES.filter((face) => !existsSync(join(DEJAVU_DIR, face)));
  if (missing.length > 0) throw new Error(`The visual checks need fonts-dejavu-core (missing ${missing.join(', ')} in ${DEJAVU_DIR})`);
  const dir = mkdtempSync(join(tmpdir(), 'cc-e2e-fonts-'));
  const faces = join(dir, 'faces');
  mkdirSync(faces);
  for (const face of FACES) symlinkSync(join(DEJAVU_DIR, face), join(faces, face));
  const alias = (generic: string, family: string) =>
    `  <alias binding="strong"><family>${generic}</family><prefer><family>${family}</family></prefer></alias>`;
  const assign = (name: string, value: string) => `    <edit name="${name}" mode="assign">${value}</edit>`;
  writeFileSync(
    join(dir, 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
      '<fontconfig>',
      `  <dir>${faces}</dir>`,
      `  <cachedir>${join(dir, 'cache')}</cachedir>`,
      ...Object.entries(PINNED_FAMILIES).map(([generic, family]) => alias(generic, family)),
      alias('system-ui', PINNED_FAMILIES['sans-serif']),
      alias('ui-monospace', PINNED_FAMILIES.monospace),
      '  <match target="font">',
      assign('antialias', '<bool>true</bool>'),
      assign('hinting', '<bool>true</bool>'),
      assign('hintstyle', '<const>hintslight</const>'),
      assign('rgba', '<const>none</const>'),
      assign('embeddedbitmap', '<bool>false</bool>'),
      '  </match>',
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  configFile = join(dir, 'fonts.conf');
  return configFile;
}

/**
 * Runs in a page of a pinned browser: the width of one line of text in each generic family, in the families pinned
 * for it, in the product's own stacks, and in a font the machine has but the browser must not see (Liberation Sans,
 * which Debian's Chromium brings), with serif after it. Equal widths mean the same face.
 */
export function measureFontFaces() {
  const context = document.createElement('canvas').getContext('2d')!;
  const width = (family: string) => {
    context.font = `100px ${family}`;
    return Math.round(context.measureText('Wj0_iiMMm the quick brown fox, 1234567890').width * 100) / 100;
  };
  return {
    generic: { 'sans-serif': width('sans-serif'), monospace: width('monospace'), serif: width('serif') },
    pinned: { 'sans-serif': width('"DejaVu Sans"'), monospace: width('"DejaVu Sans Mono"'), serif: width('"DejaVu Serif"') },
    product: { text: width('system-ui, sans-serif'), code: width("ui-monospace, 'SFMono-Regular', Menlo, monospace") },
    hidden: width('"Liberation Sans", serif'),
  };
}

/** What {@link measureFontFaces} must find in a pinned browser: three distinct faces, and nothing but them. */
export function expectOnlyPinnedFaces(faces: ReturnType<typeof measureFontFaces>): void {
  expect(new Set(Object.values(faces.pinned)).size, 'three distinct faces').toBe(3);
  expect(faces.generic).toEqual(faces.pinned);
  expect(faces.product).toEqual({ text: faces.pinned['sans-serif'], code: faces.pinned.monospace });
  expect(faces.hidden).toBe(faces.pinned.serif);
}
