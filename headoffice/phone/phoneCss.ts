/** The phone page's only stylesheet (served same-origin so the CSP needs no 'unsafe-inline'). */
export const PHONE_CSS = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5a6473;--line:#d5dae1;--accent:#0b5cad;--ok:#1d7a3a;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;font:17px/1.55 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#f5f7fa}
main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 3rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
h1{font-size:1.4rem;margin:.25rem 0 1rem}
h2{font-size:1.15rem;margin:.2rem 0 .4rem}
h3{font-size:1rem;margin:.8rem 0 .2rem}
a{color:var(--accent)}
.lang{font-size:1rem;white-space:nowrap;padding:.5rem 0}
form{display:flex;flex-direction:column;gap:.35rem;background:#fff;border:1px solid var(--line);border-radius:12px;padding:1rem}
label{font-weight:600;margin-top:.4rem}
input{font:inherit;font-size:1.2rem;padding:.7rem .8rem;border:1px solid #8a94a3;border-radius:8px;letter-spacing:.05em;min-height:48px}
input:focus,button:focus,a:focus{outline:3px solid #f2a900;outline-offset:2px}
small{color:var(--muted)}
button{font:inherit;font-weight:600;margin-top:.9rem;min-height:48px;border:0;border-radius:8px;background:var(--accent);color:#fff;padding:.7rem}
button.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent)}
section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1rem;margin:0 0 1rem}
.notice.notin{border-left:6px solid var(--warn)}
.notice.limited{border-left:6px solid #b3261e}
.notice.stopped{border-left:6px solid var(--ok)}
.status{border-left:6px solid var(--accent)}
.status[data-status=pass]{border-left-color:var(--ok)}
.slot{border-left:6px solid var(--ok)}
.slot .when{font-size:1.2rem;font-weight:600;margin:.2rem 0}
.slot .place{margin:.2rem 0}
.label{color:var(--muted);margin:0;font-size:.9rem}
ul{padding-left:1.2rem;margin:.2rem 0}
.stop form{border:0;padding:0}
.notice.picked{border-left:6px solid var(--ok)}
.notice.refused{border-left:6px solid #b3261e}
.offer{border-left:6px solid var(--accent)}
form.plain{border:0;padding:0}
fieldset{border:0;padding:0;margin:.3rem 0 0;display:flex;flex-direction:column;gap:.6rem;min-width:0}
.choice{display:flex;align-items:center;gap:.8rem;min-height:56px;margin:0;padding:.6rem .8rem;border:1px solid #8a94a3;border-radius:10px;font-weight:400;background:#fff}
.choice input{width:26px;height:26px;min-height:0;margin:0;flex:none;accent-color:var(--accent)}
.choice .when{display:block;font-weight:600}
.choice .place{display:block;color:var(--muted)}
.choice:has(input:checked){border:2px solid var(--accent);background:#eef4fb}
.choice:has(input:focus-visible){outline:3px solid #f2a900;outline-offset:2px}
`;
