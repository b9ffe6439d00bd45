"""Step 1, the detail pane of the service table: a service's details as HTML (key, relevance,
suggestion, type with its meaning, OZG services, legal basis with links, lists it came from)."""

from __future__ import annotations

import html
import re

from ozgdesk.store.rows import ServiceDetail
from ozgdesk.workflow import relevance

TYP_MEANING = {
    "1": "Regelung und Vollzug durch den Bund",
    "2": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "2/3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "4": "Regelung durch das Land, Vollzug durch Land oder Kommune",
    "5": "Regelung und Vollzug durch die Kommune",
}


def _legal_html(text: str) -> str:
    """Legal basis text; "[http://…]" references become links."""
    escaped = html.escape(text)
    return re.sub(
        r"\[(https?://[^\]\s]+)\]",
        lambda m: f"[<a href='{m.group(1)}'>Gesetzestext</a>]",
        escaped,
    )


def detail_html(detail: ServiceDetail, suggestion: relevance.Suggestion | None = None) -> str:
    row = detail.row
    esc = html.escape
    key = (
        f"<b>{esc(row.key)}</b>"
        if row.key
        else f"<i>kein gültiger Schlüssel</i> (Quelle: „{esc(row.key_raw or 'leer')}“)"
    )
    typ = esc(row.typ or "–")
    if row.typ in TYP_MEANING:
        typ += f" – {esc(TYP_MEANING[row.typ])}"
    decision = esc(row.relevance) if row.relevance else "<i>noch nicht entschieden</i>"
    if row.relevance_reason:
        decision += f"<br><small>{esc(row.relevance_reason)}</small>"
    parts = [
        f"<h3 style='margin-top:0'>{esc(row.name)}</h3>",
        "<table cellspacing='0' cellpadding='3'>",
        f"<tr><td><b>LeiKa-Schlüssel</b></td><td>{key}</td></tr>",
        f"<tr><td><b>Relevanz</b></td><td>{decision}</td></tr>",
    ]
    if suggestion is not None:
        parts.append(
            f"<tr><td><b>Vorschlag</b></td><td>{esc(suggestion.relevance)}<br>"
            f"<small>{esc(suggestion.reason)}</small></td></tr>"
        )
    if row.retired:
        parts.append(
            "<tr><td><b>Entfallen</b></td><td>nicht mehr in der neuesten Fassung des "
            "Leistungskatalogs; Entscheidung und Zuordnung bleiben</td></tr>"
        )
    if row.office:
        parts.append(f"<tr><td><b>Amt</b></td><td>{esc(row.office)}</td></tr>")
    parts += [
        f"<tr><td><b>Typ</b></td><td>{typ}</td></tr>",
        f"<tr><td><b>SDG&nbsp;1</b></td><td>{'ja' if row.sdg1 else 'nein'} (Information)</td></tr>",
        f"<tr><td><b>SDG&nbsp;2</b></td><td>{'ja' if row.sdg2 else 'nein'} (Verfahren online)</td></tr>",
        "</table>",
    ]
    if detail.ozg_services:
        parts.append("<p><b>OZG-Leistung</b></p><ul>")
        for ozg_id, name, lebenslage, themenfeld in detail.ozg_services:
            where = " · ".join(esc(x) for x in (lebenslage, themenfeld) if x)
            parts.append(f"<li>{esc(ozg_id)} {esc(name)}<br><small>{where}</small></li>")
        parts.append("</ul>")
    else:
        parts.append("<p><b>OZG-Leistung</b>: keiner OZG-Leistung zugeordnet</p>")
    if detail.legal_basis or detail.law:
        parts.append("<p><b>Rechtsgrundlage</b></p>")
        if detail.legal_basis:
            parts.append(f"<p>{_legal_html(detail.legal_basis)}</p>")
        if detail.law:
            law = esc(detail.law) + (f" ({esc(detail.law_short)})" if detail.law_short else "")
            parts.append(f"<p>Gesetz: {law}</p>")
    if row.remark or detail.contact_person:
        parts.append("<p>")
        if detail.contact_person:
            parts.append(f"<b>Ansprechperson:</b> {esc(detail.contact_person)}<br>")
        if row.remark:
            parts.append(f"<b>Bemerkung:</b> {esc(row.remark)}")
        parts.append("</p>")
    if detail.sources:
        listed = ", ".join(
            esc(label)
            + (" <i>(in der letzten Fassung nicht mehr enthalten)</i>" if missing else "")
            for label, missing in detail.sources
        )
        parts.append(f"<p style='color:#555'><small>Listen: {listed}</small></p>")
    elif detail.origin:
        parts.append(f"<p style='color:#555'><small>Herkunft: {esc(detail.origin)}</small></p>")
    return "".join(parts)
