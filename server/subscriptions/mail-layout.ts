import 'server-only';

/** HTML-escapes text for a mail (every value a mail shows comes from people or the database). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The frame of every Accord mail: a plain, readable page with the footer's links. */
export function mailPage(title: string, body: string, links: { manageUrl: string; unsubscribeUrl: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;line-height:1.5">
<div style="max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">
<p style="margin:0 0 8px;font-weight:600;color:#1d4ed8">Accord</p>
<h1 style="font-size:20px;margin:0 0 16px">${esc(title)}</h1>
${body}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 12px">
<p style="font-size:12px;color:#64748b;margin:0"><a href="${esc(links.manageUrl)}" style="color:#475569">Change or stop this mail</a> · <a href="${esc(links.unsubscribeUrl)}" style="color:#475569">Unsubscribe in one click</a></p>
</div></body></html>`;
}
