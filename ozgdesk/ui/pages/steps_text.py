"""Plain-German texts of the step pages (intros and task lists), translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Steps", text)


def intro(key: str) -> str:
    return {
        "overview": _t(
            "Verschaffen Sie sich einen Überblick: Welche Verwaltungsleistungen gibt es, und "
            "welche davon erbringt Ihre Kommune? Durchsuchen Sie den Leistungskatalog und "
            "filtern Sie nach Themenfeld, Lebenslage und Typ. Als Nächstes entscheiden Sie, "
            "welche Leistungen bei Ihnen relevant sind, und stellen sich Ihrem IT-Dienstleister "
            "und den Nachbarkommunen als OZG-Ansprechperson vor."
        ),
        "assignment": _t(
            "Ordnen Sie die relevanten Leistungen grob den Ämtern zu – ein erster Überblick, "
            "keine Perfektion. Mit dieser Liste zeigen Sie der Verwaltungsspitze, dass jedes Amt "
            "1–2 OZG-Ansprechpersonen benennen muss. Klären Sie mit dem IT-Dienstleister, ob Ihre "
            "Website eine Schnittstelle zum Portalverbund (XZuFi) hat."
        ),
        "workshop": _t(
            "Laden Sie die Ansprechpersonen der Ämter, Organisation und IT, den Personalrat, die "
            "Verwaltungsspitze und den IT-Dienstleister zu einem Auftakt-Workshop ein. Als "
            "Videokonferenz planen Sie zwei Stunden, mit Vorbereitung einen halben Tag. Im "
            "Workshop verteilen Sie die Aufgaben für Datenlieferung und Roadmap."
        ),
        "delivery": _t(
            "Jede relevante Leistung braucht im Redaktionssystem Ihrer Website ihre zuständige "
            "Stelle und ihre Seite, damit der Portalverbund findet, wer sie bei Ihnen erbringt. "
            "Die Ämter liefern ihre Daten zu; Sie prüfen sie und sorgen für die Eintragung."
        ),
        "roadmap": _t(
            "Gehen Sie die Leistungen mit den Ansprechpersonen der Ämter von A bis Z durch und "
            "planen Sie, wann welcher Online-Dienst angebunden wird: früh dabei sein oder vorerst "
            "beim Status quo bleiben. Das hängt von Personal, Fachverfahren, Schnittstellen und "
            "Schulungsbedarf ab. Danach informieren Sie den Rat."
        ),
    }[key]


def tasks(key: str) -> list[str]:
    return {
        "assignment": [
            _t("Ämter und Fachbereiche Ihrer Verwaltung erfassen (aus einer Vorlage oder selbst)."),
            _t("Relevante Leistungen grob einem federführenden Amt zuordnen."),
            _t("Je Amt 1–2 OZG-Ansprechpersonen benennen lassen."),
            _t(
                "Organisation und IT, Personalrat, Verwaltungsspitze sowie Presse- und "
                "Öffentlichkeitsarbeit informieren."
            ),
            _t("Mit dem IT-Dienstleister klären, ob die Website an den Portalverbund (XZuFi) angebunden ist."),
        ],
        "workshop": [
            _t("Termin, Format (vor Ort, Video, hybrid) und Ort oder Videolink festlegen."),
            _t("Teilnehmende einladen: Ansprechpersonen der Ämter, Organisation/IT, Personalrat, Spitze, IT-Dienstleister."),
            _t("Tagesordnung und Handzettel je Amt vorbereiten und drucken."),
            _t("Protokoll, Beschlüsse und Aufgaben festhalten."),
        ],
        "delivery": [
            _t("Je Amt die zuständige Stelle mit Anschrift, Kontakt und Öffnungszeiten erfassen."),
            _t("Je Leistung Seite auf der Website und zuständige Stelle verknüpfen."),
            _t("Die Ämter um Zulieferung bitten, Rückläufe prüfen und übernehmen."),
            _t("Die Daten ins Redaktionssystem eintragen lassen und den Stand verfolgen."),
        ],
        "roadmap": [
            _t("Je Leistung entscheiden: früh anbinden, später oder vorerst Status quo."),
            _t("Voraussetzungen prüfen: Fachverfahren, Servicekonto, ePayment, Transport, E-Akte."),
            _t("Aufwand und Kapazität der Ämter je Quartal abgleichen."),
            _t("Kommunikation für Beschäftigte, Rat und Bürgerschaft planen."),
            _t("Dem Rat berichten."),
        ],
    }[key]
