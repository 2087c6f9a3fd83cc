/**
 * The frame of the public pages (published record, pipeline, "Check a record", "How to take part"): plain
 * server-rendered HTML in the GOV.UK style, no JavaScript at all, printable, with one small stylesheet
 * served from this server (`/public-pages.css`) so the pages' CSP allows styles from 'self' only.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../export/htmlReport.js';

export const PUBLIC_STYLESHEET_PATH = '/public-pages.css';

export const PUBLIC_STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#f3f2f1}
a{color:#1d70b8;text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.1578em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
a:focus,button:focus,input:focus,textarea:focus,summary:focus{outline:3px solid transparent;background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;color:#0b0c0c;text-decoration:none}
input:focus,textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c;background:#fff}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.skip-link{position:absolute;left:-9999px;top:0;padding:10px 15px;background:#fd0;color:#0b0c0c}
.skip-link:focus{left:0}
.site-header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.site-header__inner,.site-footer__inner,.width-container{max-width:960px;margin:0 auto;padding:0 15px}
.site-header__inner{display:flex;flex-wrap:wrap;gap:10px 30px;align-items:baseline;padding-top:12px;padding-bottom:12px}
.site-header a{color:#fff;font-weight:700;text-decoration:none}
.site-header a:focus{color:#0b0c0c}
.site-header__service{font-size:24px}
.site-header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:5px 20px;font-size:16px}
main{display:block;background:#fff;padding:30px 0 45px}
h1{font-size:36px;line-height:1.1;margin:0 0 30px}
h2{font-size:27px;line-height:1.15;margin:45px 0 15px}
h3{font-size:22px;margin:30px 0 10px}
p,ul,ol,dl{margin:0 0 20px}
.lead{font-size:22px}
.caption{color:#505a5f;margin:0 0 5px}
.hint{color:#505a5f;display:block;margin-bottom:10px}
.tag{display:inline-block;padding:2px 8px;font-weight:700;font-size:16px;background:#d2e2f1;color:#0c2d4a}
.tag--open{background:#cce2d8;color:#005a30}
.tag--past{background:#e5e6e7;color:#383f43}
.summary-list{display:grid;grid-template-columns:minmax(0,max-content) 1fr;gap:10px 20px;border-top:1px solid #b1b4b6;padding-top:10px}
.summary-list dt{font-weight:700}
.summary-list dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.engagement{border-top:1px solid #b1b4b6;padding-top:15px;margin-top:30px}
.hash{font-family:"Courier New",monospace;font-size:16px;overflow-wrap:anywhere;background:#f3f2f1;padding:2px 4px}
label{display:block;font-weight:700;margin-bottom:5px}
textarea,input[type=text]{width:100%;font:inherit;font-size:16px;padding:5px;border:2px solid #0b0c0c}
input[type=file]{font:inherit;font-size:16px;max-width:100%}
input[type=file]:focus{outline:3px solid #fd0;box-shadow:0 0 0 7px #0b0c0c}
textarea{min-height:12em;font-family:"Courier New",monospace}
.form-group{margin-bottom:30px}
.button{font:inherit;font-size:19px;background:#00703c;color:#fff;border:2px solid transparent;box-shadow:0 2px 0 #002d18;padding:8px 10px 7px;cursor:pointer}
.button:hover{background:#005a30}
.button:focus{background:#fd0;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c;outline:3px solid transparent}
.panel{border:5px solid #00703c;padding:20px;margin-bottom:30px}
.panel--error{border-color:#d4351c}
.panel p{overflow-wrap:anywhere}
.panel h2{margin-top:0}
body>main{max-width:none;padding:30px 0 45px}
.inset{border-left:10px solid #b1b4b6;padding:15px;margin:0 0 30px}
.site-footer{background:#f3f2f1;border-top:1px solid #b1b4b6;padding:25px 0;font-size:16px}
.site-footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:5px 20px}
@media (max-width:640px){body{font-size:16px}h1{font-size:27px}h2{font-size:21px}.summary-list{grid-template-columns:1fr;gap:0 0}.summary-list dd{margin-bottom:10px}}
@media print{body{background:#fff;font-size:12pt}.site-header,.site-footer nav,.skip-link,form{display:none}main{padding:0}a{color:#0b0c0c}a[href^="http"]::after{content:" (" attr(href) ")"}.engagement,section{break-inside:avoid}}
`;

/** The CSP of every public page: nothing runs, nothing loads but our stylesheet (and an inline one by hash). */
export function publicPageCsp(inlineStyle?: string): string {
  const styleHash = inlineStyle === undefined ? '' : ` 'sha256-${createHash('sha256').update(inlineStyle).digest('base64')}'`;
  return `default-src 'none'; style-src 'self'${styleHash}; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

export interface PublicPage {
  title: string;
  /** Already-escaped HTML of the main content. */
  body: string;
  /** A stylesheet to inline (the published report's own); allowed by hash in the CSP. */
  inlineStyle?: string;
}

/** The whole HTML document. */
export function renderPublicPage(page: PublicPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} – Open Ideas Wall</title>
<link rel="stylesheet" href="${PUBLIC_STYLESHEET_PATH}">
<link rel="alternate" type="application/atom+xml" href="/pipeline.atom" title="The council’s engagement pipeline">
${page.inlineStyle === undefined ? '' : `<style>${page.inlineStyle}</style>`}
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header">
<div class="site-header__inner">
<a class="site-header__service" href="/">Open Ideas Wall</a>
<nav aria-label="Public pages"><ul>
<li><a href="/pipeline">Engagement pipeline</a></li>
<li><a href="/take-part">How to take part</a></li>
<li><a href="/check-record">Check a record</a></li>
</ul></nav>
</div>
</header>
<main id="main-content">
<div class="width-container">
${page.body}
</div>
</main>
<footer class="site-footer">
<div class="site-footer__inner">
<p>Published records and the pipeline are available under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>, except where otherwise stated.</p>
<p>The Open Ideas Wall software is open source under the MIT licence.</p>
</div>
</footer>
</body>
</html>
`;
}

/** A date as UK readers write it: "3 December 2026". */
export function readableDay(time: number | string): string {
  const date = new Date(time);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
