import { CONTACT_SETTINGS, type ContactSetting } from '../../../../shared/contract';
import type { ANNOTATION_KINDS } from '../../../../shared/contract/continuity';

export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/**
 * Each setting has its own lane, label, shape and colour (Paul Tol's "muted" scheme, which stays
 * distinguishable with every common colour-vision difference). Colour is never the only cue: the
 * lane is labelled and the shape differs, so the chart also reads in black and white.
 * The colours are tokens in theme.css (`--chart-setting-<name>`), applied by continuity.css's
 * `.tl-setting-<name>`.
 */
export type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangleDown' | 'plus' | 'cross' | 'bar' | 'hexagon' | 'pentagon';

export const SETTING_SHAPES: Record<ContactSetting, Shape> = {
  clinic_visit: 'circle',
  drop_in: 'square',
  street_outreach: 'triangle',
  van: 'diamond',
  phone_text: 'bar',
  telehealth: 'hexagon',
  emergency_department: 'plus',
  home_visit: 'triangleDown',
  // Syringe services are the heart of harm reduction: a calm shape and colour like every other setting.
  ssp_exchange: 'pentagon',
};

export const SETTING_ORDER: readonly ContactSetting[] = CONTACT_SETTINGS;

/** An SVG path for one mark centred on (x, y) with radius r; rounded to keep path strings short. */
export function shapePath(shape: Shape, x: number, y: number, r: number): string {
  const X = Math.round(x * 10) / 10;
  const Y = Math.round(y * 10) / 10;
  switch (shape) {
    case 'circle':
      return `M${X - r},${Y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'square': {
      const s = r * 0.9;
      return `M${X - s},${Y - s}h${2 * s}v${2 * s}h${-2 * s}z`;
    }
    case 'triangle':
      return `M${X},${Y - r * 1.2}l${r * 1.15},${r * 2}h${-r * 2.3}z`;
    case 'triangleDown':
      return `M${X},${Y + r * 1.2}l${r * 1.15},${-r * 2}h${-r * 2.3}z`;
    case 'diamond':
      return `M${X},${Y - r * 1.3}l${r * 1.3},${r * 1.3}l${-r * 1.3},${r * 1.3}l${-r * 1.3},${-r * 1.3}z`;
    case 'bar':
      return `M${X - r * 0.45},${Y - r * 1.3}h${r * 0.9}v${r * 2.6}h${-r * 0.9}z`;
    case 'hexagon': {
      const h = r * 0.87;
      return `M${X - r},${Y}l${r / 2},${-h * 1.15}h${r}l${r / 2},${h * 1.15}l${-r / 2},${h * 1.15}h${-r}z`;
    }
    case 'plus': {
      const a = r * 0.4;
      const b = r * 1.2;
      return `M${X - a},${Y - b}h${2 * a}v${b - a}h${b - a}v${2 * a}h${a - b}v${b - a}h${-2 * a}v${a - b}h${a - b}v${-2 * a}h${b - a}z`;
    }
    case 'pentagon': {
      const R = r * 1.12;
      const pts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
        pts.push(`${Math.round((X + R * Math.cos(a)) * 10) / 10},${Math.round((Y + R * Math.sin(a)) * 10) / 10}`);
      }
      return `M${pts.join('L')}z`;
    }
    case 'cross': {
      const a = r * 0.42;
      const b = r * 1.05;
      // A plus turned 45 degrees, written out point by point.
      const pts: [number, number][] = [
        [0, -a], [b - a, -b], [b, -(b - a)], [a, 0], [b, b - a], [b - a, b], [0, a], [-(b - a), b], [-b, b - a], [-a, 0], [-b, -(b - a)], [-(b - a), -b],
      ];
      return `M${pts.map(([dx, dy]) => `${Math.round((X + dx) * 10) / 10},${Math.round((Y + dy) * 10) / 10}`).join('L')}z`;
    }
  }
}

/** Glyphs for the dated annotations above the lanes, one shape per kind, in the text colour. */
export function annotationPath(kind: AnnotationKind, x: number, y: number): string {
  const X = Math.round(x * 10) / 10;
  switch (kind) {
    case 'phase_change':
      // A small flag on a pole.
      return `M${X - 0.75},${y - 7}h1.5v14h-1.5zM${X + 0.75},${y - 7}h7l-2,3l2,3h-7z`;
    case 'moment': {
      // A five-pointed star.
      const pts: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = i % 2 === 0 ? 6.5 : 2.8;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        pts.push(`${Math.round((X + r * Math.cos(a)) * 10) / 10},${Math.round((y + r * Math.sin(a)) * 10) / 10}`);
      }
      return `M${pts.join('L')}z`;
    }
    case 'goal_set':
      // A ring with a dot: a target.
      return `M${X - 6},${y}a6,6 0 1,0 12,0a6,6 0 1,0 -12,0zM${X - 4},${y}a4,4 0 1,1 8,0a4,4 0 1,1 -8,0zM${X - 1.8},${y}a1.8,1.8 0 1,0 3.6,0a1.8,1.8 0 1,0 -3.6,0z`;
    case 'goal_reached':
      // A filled disc with a check cut out of it.
      return `M${X - 6.5},${y}a6.5,6.5 0 1,0 13,0a6.5,6.5 0 1,0 -13,0zM${X - 3.6},${y - 0.4}l1.2,-1.2l1.6,1.6l3.4,-3.4l1.2,1.2l-4.6,4.6z`;
    case 'naloxone':
      // A kit: a rounded box with a plus cut out.
      return `M${X - 6},${y - 5}h12v10h-12zM${X - 1},${y - 3.5}v2.5h-2.5v2h2.5v2.5h2v-2.5h2.5v-2h-2.5v-2.5z`;
    case 'overdose_response':
      // A diamond ring: noticeable, not alarming.
      return `M${X},${y - 7}l7,7l-7,7l-7,-7zM${X},${y - 4}l-4,4l4,4l4,-4z`;
  }
}

export const ANNOTATION_ORDER: readonly AnnotationKind[] = ['phase_change', 'moment', 'goal_set', 'goal_reached', 'naloxone', 'overdose_response'];
