/** A board's pipeline details in the `boards.pipeline_json` column, for both stores (see publicRecordsPort.ts). */
import { EMPTY_PIPELINE, PROJECT_STAGES, type PipelineDetails } from '../../shared/schema/pipeline.js';

/** The column's value for a board's pipeline details (null when none). */
export function pipelineJson(pipeline: PipelineDetails | undefined): string | null {
  return pipeline ? JSON.stringify(pipeline) : null;
}

/** `{ pipeline }` from the column, or nothing when the board has none (its record stays as before). */
export function pipelineOf(value: unknown): { pipeline?: PipelineDetails } {
  if (typeof value !== 'string') return {};
  try {
    const stored = JSON.parse(value) as Partial<Record<keyof PipelineDetails, unknown>>;
    const text = (field: unknown) => (typeof field === 'string' ? field : '');
    return {
      pipeline: {
        ...EMPTY_PIPELINE,
        listed: stored.listed === true,
        serviceArea: text(stored.serviceArea),
        stage: (PROJECT_STAGES as readonly unknown[]).includes(stored.stage) ? (stored.stage as PipelineDetails['stage']) : '',
        startsOn: text(stored.startsOn),
        endsOn: text(stored.endsOn),
        howToTakePart: text(stored.howToTakePart),
      },
    };
  } catch {
    return {};
  }
}
