/**
 * "Check a record": paste a record log (and, if you have it, the final hash from the published record) and
 * the server checks the chain. A plain form posted to the server: works without JavaScript.
 */
import { escapeHtml } from '../../export/htmlReport.js';
import { describeCheck, type RecordCheck } from '../../record/verifyRecordLog.js';
import { renderPublicPage } from './publicLayout.js';

export interface CheckForm {
  log: string;
  finalHash: string;
  /** The result after a post; an error message when the form itself was wrong. */
  result?: RecordCheck;
  error?: string;
}

function resultHtml(form: CheckForm): string {
  if (form.error) {
    return `<div class="panel panel--error" role="alert" tabindex="-1" id="result"><h2>There is a problem</h2><p>${escapeHtml(form.error)}</p></div>`;
  }
  if (!form.result) return '';
  const heading = form.result.ok ? 'The record log checks out' : 'The record log does not match';
  return `<div class="panel${form.result.ok ? '' : ' panel--error'}" role="status" id="result"><h2>${heading}</h2><p>${escapeHtml(describeCheck(form.result))}</p></div>`;
}

export function checkRecordPage(form: CheckForm): string {
  const title = form.result ? (form.result.ok ? 'Check a record: it matches' : 'Check a record: it does not match') : form.error ? 'Error: check a record' : 'Check a record';
  const body = `<h1>Check a record</h1>
${resultHtml(form)}
<p class="lead">Check that a board’s record log has not been changed: every entry must carry the hash of the entry before it.</p>
<p>Choose the log file the council gave you (it ends in <code>.jsonl</code>, one entry per line), or paste its text. To be sure nothing was rewritten after the record was published, also give the final hash shown on the published record.</p>
<form method="post" action="/check-record" enctype="multipart/form-data">
<div class="form-group">
<label for="logFile">Record log file</label>
<span class="hint" id="logFile-hint">A file ending in .jsonl</span>
<input type="file" id="logFile" name="logFile" accept=".jsonl,.json,.txt,application/jsonl,application/json,text/plain" aria-describedby="logFile-hint">
</div>
<div class="form-group">
<label for="log">Or paste the record log</label>
<span class="hint" id="log-hint">Open the file in a text editor, copy everything and paste it here.</span>
<textarea id="log" name="log" aria-describedby="log-hint" spellcheck="false" autocomplete="off">${escapeHtml(form.log)}</textarea>
</div>
<div class="form-group">
<label for="finalHash">Final hash from the published record (optional)</label>
<span class="hint" id="finalHash-hint">64 characters, 0 to 9 and a to f</span>
<input type="text" id="finalHash" name="finalHash" aria-describedby="finalHash-hint" spellcheck="false" autocomplete="off" value="${escapeHtml(form.finalHash)}">
</div>
<button type="submit" class="button">Check the record</button>
</form>
<h2>Check it yourself</h2>
<p>You do not have to trust this page. The encoding is published in the project’s documentation (docs/record-log.md): each entry’s hash is SHA-256 of the previous entry’s hash followed by the entry in canonical JSON (RFC 8785). With the project’s code, run <code>npm run verify-record -- record-log.jsonl</code>.</p>`;
  return renderPublicPage({ title, body });
}
