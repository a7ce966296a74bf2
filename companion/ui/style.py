"""How the app looks and reads: CSS for phones, contrast and the dashboard's charts, and the script that keeps the
page's `lang` attribute and title in the user's language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from companion.domain import Language
from companion.i18n import t

# Accessible names Gradio's own controls carry in English whatever the page's language (its frontend has no
# Italian, and a few are written into its components): Gradio's words -> ours, in the locale files.
GRADIO_NAMES = {
    "Clear": "gradio_clear",  # the chatbot's clear button
    "Copy message": "gradio_copy_message",  # the chatbot's copy button (buttons=["copy"])
    "Copied message": "gradio_copied_message",
    "Scroll down": "gradio_scroll_down",
    "chatbot conversation": "gradio_conversation",
    "Loading response": "gradio_loading_response",
    "More tabs": "gradio_more_tabs",
    "Download": "gradio_download",
    # The plan editor's agenda (a gr.Dataframe, elem_classes TABLE_CLASS): a chosen cell's menu button and the
    # buttons that choose its row or column, the cell being edited, the menu's items, the toolbar, the file input.
    "Open cell menu": "gradio_cell_menu",
    "Table actions": "gradio_table_actions",
    "Select column": "gradio_select_column",
    "Select row": "gradio_select_row",
    "Edit cell": "gradio_edit_cell",
    "Cell is read-only": "gradio_cell_read_only",
    "Add row above": "gradio_add_row_above",
    "Add row below": "gradio_add_row_below",
    "Delete row": "gradio_delete_row",
    "Add row": "gradio_add_row",
    "File upload": "gradio_file_upload",
}
GRADIO_PREFIXES = {"user's message: ": "gradio_user_message", "bot's message: ": "gradio_bot_message"}
# Words Gradio writes as text (not as names) in a table's cell menu and in the description a screen reader reads
# for the table: replaced only there (TABLE_TEXT_PLACES), never in the cells, which are the user's.
GRADIO_TEXTS = {
    "Add row above": "gradio_add_row_above",
    "Add row below": "gradio_add_row_below",
    "Delete row": "gradio_delete_row",
    "Drop CSV or TSV files here to import data into dataframe": "gradio_drop_table_file",
}
TABLE_CLASS = "cmp-table"
TABLE_TEXT_PLACES = f'.gradio-container .{TABLE_CLASS} :is([role="menu"], .drop-hint)'


def builtin_names(lang: Language) -> dict[str, Any]:
    """What the page script needs to give Gradio's own controls their names (and a table's menu its words) in
    `lang`."""
    return {
        "names": {gradio: t(lang, key) for gradio, key in GRADIO_NAMES.items()},
        "prefixes": [[gradio, t(lang, key)] for gradio, key in GRADIO_PREFIXES.items()],
        "texts": {gradio: t(lang, key) for gradio, key in GRADIO_TEXTS.items()},
    }


# Colours: text and controls keep at least 4.5:1 against their background (WCAG AA); checked by the axe test.
CSS = """
.gradio-container {
  --button-primary-background-fill: #b43f0a;
  --button-primary-background-fill-hover: #9a3412;
  --button-primary-text-color: #ffffff;
  --button-primary-text-color-hover: #ffffff;
  --button-primary-border-color: #b43f0a;
  --button-cancel-background-fill: #b91c1c;
  --button-cancel-background-fill-hover: #991b1b;
  --button-cancel-text-color: #ffffff;
  --button-cancel-text-color-hover: #ffffff;
  --button-cancel-border-color: #b91c1c;
  --color-accent: #b43f0a;
  --color-accent-soft: #fff1e8;
  --body-text-color-subdued: #4b5563;
  --block-info-text-color: #4b5563;
  --block-label-text-color: #374151;
  --block-title-text-color: #1f2937;
  --input-placeholder-color: #5f6673;
  --link-text-color: #9a3412;
  --link-text-color-visited: #7c2d12;
  --link-text-color-hover: #7c2d12;
  --link-text-color-active: #7c2d12;
}
.gradio-container .tab-wrapper button[role="tab"][aria-selected="true"],
.gradio-container button[role="tab"].selected { color: #9a3412; }
.gradio-container code { color: #1f2937; background: #f3f4f6; }
/* Keyboard users always see where they are. */
.gradio-container :is(button, a, input, textarea, select, [role="tab"], [tabindex]):focus-visible {
  outline: 3px solid #1d4ed8; outline-offset: 2px;
}
/* The page header: the title wraps by words, never one syllable per line; the account box goes below on phones. */
#top { flex-wrap: wrap; gap: 12px; }
#intro { flex: 1 1 320px; min-width: min(100%, 320px); }
#intro h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 0.4rem 0; }
#intro h1 { overflow-wrap: normal; word-break: normal; hyphens: manual; }
.gradio-container .prose h2 { font-size: 1.2rem; }
/* Rows that hold a control beside text wrap on narrow screens instead of squeezing the text. */
#mentor-top, #library-search-row, #hr-dashboard-controls, #composer { flex-wrap: wrap; }
#mentor-top > *, #hr-dashboard-controls > * { flex: 1 1 260px; min-width: min(100%, 260px); }
#hr-dashboard-controls { align-items: flex-end; }
/* The plan editor: the agenda table reads in the page's font; the step buttons wrap under the step's name. */
#plan-agenda :is(td, th, [role="gridcell"]) span { font-family: var(--font); }
/* Its column headings are ours (they follow the language): a click does not open them for renaming. */
#plan-agenda th { pointer-events: none; }
#plan-steps { flex-wrap: wrap; align-items: flex-end; }
#plan-steps > * { flex: 1 1 100px; min-width: min(100%, 100px); }
/* Gradio wraps the step list in a .form box: that box takes the whole row, the buttons share the next one. */
#plan-steps > :is(#plan-step, :has(> #plan-step)) { flex: 1 1 100% !important; }
.cmp-chart-row { flex-wrap: wrap; }
.cmp-chart-row > * { flex: 1 1 320px !important; min-width: min(100%, 320px) !important; }
#hr-dashboard-controls button { max-height: 3rem; }
.cmp-bars, .cmp-bars tr, .cmp-bars th, .cmp-bars td { border: none !important; }
.cmp-bars tr + tr { border-top: 1px solid #e5e7eb !important; }
.cmp-docs caption { text-align: left; font-weight: 600; }
#account { flex: 0 1 260px; min-width: min(100%, 240px); }
/* Gradio's footer is in English only and points at developer tools: the product does not show it. */
footer { display: none !important; }
/* Dashboard charts: a table per chart, one bar per row, its number beside it. */
.cmp-chart { margin: 0 0 1rem 0; padding: 12px 14px; border: 1px solid #d1d5db; border-radius: 8px; background: #fff; }
.cmp-chart figcaption { font-weight: 600; margin-bottom: 8px; color: #111827; }
.cmp-bars { width: 100%; border-collapse: collapse; }
.cmp-bars th, .cmp-bars td { padding: 4px 6px; text-align: left; vertical-align: middle; border: 0; color: #111827; }
.cmp-bars th[scope="row"] { width: 38%; font-weight: 500; overflow-wrap: anywhere; }
.cmp-bars td { display: flex; align-items: center; gap: 8px; }
.cmp-levels td { display: table-cell; }
.cmp-levels td > .cmp-track { display: inline-block; width: 55%; vertical-align: middle; margin-right: 6px; }
.cmp-track { flex: 1 1 auto; height: 14px; background: #f3f4f6; border-radius: 3px; overflow: hidden; min-width: 40px; }
.cmp-bar { display: block; height: 100%; background: #b43f0a; }
.cmp-bar.cmp-before { background: #6b7280; }
.cmp-bar.cmp-after { background: #1d4ed8; }
.cmp-value { min-width: 3.5em; font-variant-numeric: tabular-nums; color: #111827; }
.cmp-muted { color: #4b5563; font-style: italic; }
.cmp-attention { margin: 0 0 1rem 0; padding: 12px 14px; border: 1px solid #d1d5db; border-left: 4px solid #b43f0a;
  border-radius: 8px; background: #fff; color: #111827; }
.cmp-attention h3 { font-size: 1rem; font-weight: 600; margin: 0 0 4px 0; color: #111827; }
.cmp-attention-list { margin: 6px 0 0 1.2rem; padding: 0; }
.cmp-attention-list li { margin: 2px 0; }
.cmp-scale, .cmp-empty { color: #4b5563; font-size: 0.9em; margin: 6px 0 0 0; }
/* Phones: controls and tables take the whole width; nothing is clipped. */
@media (max-width: 640px) {
  .gradio-container { padding-left: 8px !important; padding-right: 8px !important; }
  #intro h1 { font-size: 1.35rem; line-height: 1.25; }
  .cmp-bars th[scope="row"] { width: 42%; }
  #plan-steps > * { flex-basis: 40%; }  /* the step buttons two by two */
  #account { flex: 1 1 100%; }  /* the language and Sign out as wide as the page, under the title */
  .cmp-levels, .cmp-levels tbody, .cmp-levels tr { display: block; }
  .cmp-levels thead { display: none; }
  .cmp-levels th[scope="row"], .cmp-levels td { display: block; width: 100%; }
}
"""


def language_css(drop_files: dict[Language, str]) -> str:
    """Gradio's upload areas have no Italian: their built-in words are hidden and ours, from the locale files,
    are shown for the page's language (set by page_language_js)."""
    rules = ['.cmp-upload [data-testid="upload-text"] { display: none !important; }']
    for lang, text in drop_files.items():
        rules.append(
            f'html[lang="{lang}"] .cmp-upload .upload-container::before {{ '
            f"content: {json.dumps('⬆  ' + text, ensure_ascii=False)}; "
            "font-size: 1rem; display: block; padding: 1.5rem 0.5rem; color: #374151; }"
        )
    return "\n".join(rules)


ZONE_CLASS = "cmp-zone"  # a time-zone field the page fills with the browser's zone


def page_script(strings: dict[Language, dict[str, Any]], zone_defaults: Sequence[str] = ()) -> str:
    """One script in the page's head (the server gives it the response's nonce, so the CSP needs neither inline
    nor eval'd script). It follows the language radio: <html lang>, the page title, the names Gradio gives its
    upload buttons and the accessible names (aria-label, title) of Gradio's own controls such as the chatbot's
    copy and clear buttons (`builtin_names`: screen readers hear them in the chosen language; the tab shows a
    translated title) and the words of a table's cell menu (`texts`, in TABLE_TEXT_PLACES only);
    `data-companion-ready` once the signed-in user's workspace has loaded; a time-zone field (ZONE_CLASS) still on
    one of `zone_defaults` gets the browser's zone until someone types in it (Gradio may write its value again).
    Gradio's own name is kept in a data attribute (its words in a WeakMap), so switching back and forth, or Gradio
    writing its name again, is followed.
    It runs on every change of the page (a menu that opens is named before a screen reader reads it) and every
    250 ms (the language radio's state is not an attribute)."""
    table = json.dumps(strings, ensure_ascii=False)
    return (
        "<script>(() => {"
        f" const s = {table}; let last = ''; const written = new WeakMap();"
        " const apply = () => {"
        "  const checked = document.querySelector('#language input:checked');"
        "  const lang = checked ? checked.value : '';"
        "  const who = document.querySelector('#signed-in');"
        "  if (lang && lang !== last && who && who.textContent.trim()) {"
        "   last = lang; const mine = s[lang] || s.en;"
        "   document.documentElement.lang = lang; document.title = mine.title;"
        "   document.documentElement.dataset.companionReady = '1'; }"
        "  const mine = s[last] || s.en;"
        "  document.querySelectorAll('.cmp-upload button[aria-label]').forEach(b => {"
        "   if (b.getAttribute('aria-label') !== mine.upload) b.setAttribute('aria-label', mine.upload); });"
        "  const names = mine.names || {}; const prefixes = mine.prefixes || [];"
        "  const ours = (name) => { if (Object.hasOwn(names, name)) return names[name];"
        "   for (const [gradio, own] of prefixes) if (name.startsWith(gradio)) return own + name.slice(gradio.length);"
        "   return null; };"
        "  document.querySelectorAll('.gradio-container [aria-label], .gradio-container [title]').forEach(el => {"
        "   for (const [attr, slot] of [['aria-label', 'cmpAria'], ['title', 'cmpTitle']]) {"
        "    const now = el.getAttribute(attr); if (!now) continue;"
        "    const original = el.dataset[slot + 'Set'] === now ? el.dataset[slot] : now;"
        "    const name = ours(original); if (name === null) continue;"
        "    if (el.dataset[slot] !== original) el.dataset[slot] = original;"
        "    if (name !== now) el.setAttribute(attr, name);"
        "    if (el.dataset[slot + 'Set'] !== name) el.dataset[slot + 'Set'] = name; } });"
        "  const texts = mine.texts || {};"
        f"  document.querySelectorAll({json.dumps(TABLE_TEXT_PLACES)}).forEach(box => {{"
        "   const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);"
        "   for (let n = walk.nextNode(); n; n = walk.nextNode()) {"
        "    const now = n.nodeValue; const seen = written.get(n);"
        "    const original = seen && seen.set === now ? seen.original : now.trim();"
        "    if (!Object.hasOwn(texts, original)) continue;"
        "    const name = now.replace(now.trim(), () => texts[original]);"
        "    if (name !== now) n.nodeValue = name;"
        "    written.set(n, {original, set: name}); } });"
        "  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;"
        f"  if (zone) document.querySelectorAll('.{ZONE_CLASS} input, .{ZONE_CLASS} textarea').forEach(box => {{"
        "   if (!box.dataset.cmpZone) { box.dataset.cmpZone = 'watched';"
        "    box.addEventListener('input', e => { if (e.isTrusted) box.dataset.cmpZone = 'typed'; }); }"
        f"   if (box.dataset.cmpZone === 'typed' || !{json.dumps(list(zone_defaults))}.includes(box.value)) return;"
        "   if (box.value !== zone) { box.value = zone; box.dispatchEvent(new Event('input', {bubbles: true})); } });"
        " };"
        " setInterval(apply, 250);"
        " new MutationObserver(apply).observe(document.documentElement, {subtree: true, childList: true,"
        "  characterData: true, attributes: true, attributeFilter: ['aria-label', 'title']});"
        "})();</script>"
    )
