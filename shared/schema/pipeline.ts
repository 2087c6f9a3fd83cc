/**
 * A board's entry in the council's open pipeline (issue 13): whether it is listed, its service area, the
 * project's stage, its dates and how to take part. All of it is PUBLIC once listed: the pipeline page, its
 * Atom feed and JSON show it to anyone. Officers set it with the board's details.
 */
import { z } from 'zod';
import { hasNoHiddenCharacters } from '../text/hiddenCharacters.js';

export const PROJECT_STAGES = ['discovery', 'alpha', 'beta', 'live'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Readonly<Record<ProjectStage, string>> = { discovery: 'Discovery', alpha: 'Alpha', beta: 'Beta', live: 'Live' };

export const MAX_SERVICE_AREA_CHARS = 100;
export const MAX_HOW_TO_TAKE_PART_CHARS = 1000;

export interface PipelineDetails {
  /** Listed in the public pipeline. */
  listed: boolean;
  serviceArea: string;
  /** '' when not said. */
  stage: ProjectStage | '';
  /** The engagement's first and last day, `YYYY-MM-DD`, or '' when not known yet. */
  startsOn: string;
  endsOn: string;
  howToTakePart: string;
}

export const EMPTY_PIPELINE: PipelineDetails = { listed: false, serviceArea: '', stage: '', startsOn: '', endsOn: '', howToTakePart: '' };

/** A real calendar day as `YYYY-MM-DD`. */
function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const dayField = (label: string) =>
  z
    .string({ error: `Enter the ${label} as a date, like 2027-03-14` })
    .trim()
    .refine((text) => text === '' || isCalendarDay(text), { error: `Enter the ${label} as a real date, like 2027-03-14` });

/** The pipeline fields of a board-details request body (flat, so each is one form field). */
export const pipelineFields = {
  listedInPipeline: z.boolean({ error: 'Choose whether to list this board in the pipeline' }).optional(),
  serviceArea: z
    .string({ error: 'Enter a service area' })
    .trim()
    .max(MAX_SERVICE_AREA_CHARS, { error: `Service area must be ${MAX_SERVICE_AREA_CHARS} characters or fewer` })
    .refine((text) => hasNoHiddenCharacters(text, 'one-line'), { error: 'Service area must be one line of plain text' })
    .optional(),
  projectStage: z.enum(['', ...PROJECT_STAGES], { error: 'Choose discovery, alpha, beta, live or not known' }).optional(),
  startsOn: dayField('first day').optional(),
  endsOn: dayField('last day').optional(),
  howToTakePart: z
    .string({ error: 'Enter how to take part' })
    .max(MAX_HOW_TO_TAKE_PART_CHARS, { error: `How to take part must be ${MAX_HOW_TO_TAKE_PART_CHARS} characters or fewer` })
    .refine((text) => hasNoHiddenCharacters(text, 'multi-line'), { error: 'How to take part must be plain text' })
    .optional(),
};

export type PipelineFieldsBody = { [K in keyof typeof pipelineFields]?: z.infer<(typeof pipelineFields)[K]> };

/** Applies a request's pipeline fields to the stored details. */
export function withPipelineFields(current: PipelineDetails, body: PipelineFieldsBody): PipelineDetails {
  return {
    listed: body.listedInPipeline ?? current.listed,
    serviceArea: body.serviceArea ?? current.serviceArea,
    stage: body.projectStage ?? current.stage,
    startsOn: body.startsOn ?? current.startsOn,
    endsOn: body.endsOn ?? current.endsOn,
    howToTakePart: body.howToTakePart ?? current.howToTakePart,
  };
}

/** True when the request changes any pipeline field. */
export function hasPipelineFields(body: PipelineFieldsBody): boolean {
  return Object.keys(pipelineFields).some((field) => (body as Record<string, unknown>)[field] !== undefined);
}
