import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import {
  PROBLEM_DETAIL_LABELS,
  PROBLEM_DETAIL_TEXT_FIELDS,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  NO_DETAILS,
  problemDetailText,
  readProblemDetails,
  setProblemChoice,
  VALUE_BAND_LABELS,
  VALUE_BANDS,
  type ProblemDetails,
  type ProblemDetailTextField,
} from '../../../shared/schema/problemDetails.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import { useWallContext } from '../../board/WallContext.js';
import { BoundTextField } from '../wall/BoundTextField.js';

/** A problem's details from the brief, read again whenever the brief changes. */
export function useProblemDetails(problemId: string): ProblemDetails {
  const { briefDoc } = useWallContext();
  const read = useCallback((doc: Y.Doc) => readProblemDetails(doc, problemId), [problemId]);
  return useDocSnapshot(briefDoc, read, NO_DETAILS);
}

const HINTS: Record<ProblemDetailTextField, string> = {
  outcomeSought: 'What should be different for residents or staff when this is solved.',
  routeToMarket: 'For example: open tender, a framework, a dynamic purchasing system, or not decided yet.',
  timing: 'For example: market engagement until March, tender in the summer.',
};

/**
 * Officers edit a problem's details a supplier can act on (issue 13): free text fields bound live like the
 * others, and the stage and value band as choices from fixed lists. Problems made before these fields
 * existed get their text fields when the editor opens (an officer's write to the brief).
 */
export function ProblemDetailsFields({ doc, problemId, idPrefix, details }: { doc: Y.Doc; problemId: string; idPrefix: string; details: ProblemDetails }) {
  const [texts, setTexts] = useState<Partial<Record<ProblemDetailTextField, Y.Text | null>>>({});
  useEffect(() => {
    doc.transact(() => {
      setTexts(Object.fromEntries(PROBLEM_DETAIL_TEXT_FIELDS.map((field) => [field, problemDetailText(doc, problemId, field)])));
    });
  }, [doc, problemId]);
  const textField = (field: ProblemDetailTextField) => (
    <BoundTextField key={field} id={`${idPrefix}-${field}`} label={`${PROBLEM_DETAIL_LABELS[field]} (optional)`} hint={HINTS[field]} text={texts[field] ?? null} isMultiline={field === 'outcomeSought'} />
  );
  return (
    <>
      {textField('outcomeSought')}
      <div className="form-group">
        <label className="label" htmlFor={`${idPrefix}-stage`}>
          {PROBLEM_DETAIL_LABELS.projectStage} (optional)
        </label>
        <select className="select" id={`${idPrefix}-stage`} value={details.projectStage ?? ''} onChange={(event) => setProblemChoice(doc, problemId, 'projectStage', event.target.value || null)}>
          <option value="">Not said</option>
          {PROJECT_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {PROJECT_STAGE_LABELS[stage]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="label" htmlFor={`${idPrefix}-value`}>
          {PROBLEM_DETAIL_LABELS.valueBand} (optional)
        </label>
        <select className="select" id={`${idPrefix}-value`} value={details.valueBand ?? ''} onChange={(event) => setProblemChoice(doc, problemId, 'valueBand', event.target.value || null)}>
          <option value="">Not said</option>
          {VALUE_BANDS.map((band) => (
            <option key={band} value={band}>
              {VALUE_BAND_LABELS[band]}
            </option>
          ))}
        </select>
      </div>
      {textField('routeToMarket')}
      {textField('timing')}
    </>
  );
}

/** A problem's details as a supplier reads them on the wall; nothing when none are given. */
export function ProblemDetailsList({ details }: { details: ProblemDetails }) {
  const rows: Array<[string, string]> = [
    [PROBLEM_DETAIL_LABELS.outcomeSought, details.outcomeSought.trim()],
    [PROBLEM_DETAIL_LABELS.projectStage, details.projectStage ? PROJECT_STAGE_LABELS[details.projectStage] : ''],
    [PROBLEM_DETAIL_LABELS.valueBand, details.valueBand ? VALUE_BAND_LABELS[details.valueBand] : ''],
    [PROBLEM_DETAIL_LABELS.routeToMarket, details.routeToMarket.trim()],
    [PROBLEM_DETAIL_LABELS.timing, details.timing.trim()],
  ];
  const given = rows.filter(([, value]) => value !== '');
  if (given.length === 0) return null;
  return (
    <dl className="problem-card__details" data-testid="problem-details">
      {given.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt className="body">{label}</dt>
          <dd className="body multiline">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
