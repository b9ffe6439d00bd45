"""Plain-German texts of the step pages (intros and task lists), translatable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def intro(key: str) -> str:
    return {
        "overview": QCoreApplication.translate(
            "Steps",
            "Verschaffen Sie sich einen Überblick: Welche Verwaltungsleistungen gibt es, und "
            "welche davon erbringt Ihre Kommune? Durchsuchen Sie den Leistungskatalog und "
            "filtern Sie nach Themenfeld, Lebenslage und Typ. Als Nächstes entscheiden Sie, "
            "welche Leistungen bei Ihnen relevant sind, und stellen sich Ihrem IT-Dienstleister "
            "und den Nachbarkommunen als OZG-Ansprechperson vor.",
        ),
        "assignment": QCoreApplication.translate(
            "Steps",
            "Ordnen Sie die relevanten Leistungen grob den Ämtern zu – ein erster Überblick, "
            "keine Perfektion. Mit dieser Liste zeigen Sie der Verwaltungsspitze, dass jedes Amt "
            "1–2 OZG-Ansprechpersonen benennen muss. Klären Sie mit dem IT-Dienstleister, ob Ihre "
            "Website eine Schnittstelle zum Portalverbund (XZuFi) hat.",
        ),
        "workshop": QCoreApplication.translate(
            "Steps",
            "Laden Sie die Ansprechpersonen der Ämter, Organisation und IT, den Personalrat, die "
            "Verwaltungsspitze und den IT-Dienstleister zu einem Auftakt-Workshop ein. Als "
            "Videokonferenz planen Sie zwei Stunden, mit Vorbereitung einen halben Tag. Im "
            "Workshop verteilen Sie die Aufgaben für Datenlieferung und Roadmap.",
        ),
        "delivery": QCoreApplication.translate(
            "Steps",
            "Jede relevante Leistung braucht im Redaktionssystem Ihrer Website ihre zuständige "
            "Stelle und ihre Seite, damit der Portalverbund findet, wer sie bei Ihnen erbringt. "
            "Die Ämter liefern ihre Daten zu; Sie prüfen sie und sorgen für die Eintragung.",
        ),
        "roadmap": QCoreApplication.translate(
            "Steps",
            "Gehen Sie die Leistungen mit den Ansprechpersonen der Ämter von A bis Z durch und "
            "planen Sie, wann welcher Online-Dienst angebunden wird: früh dabei sein oder vorerst "
            "beim Status quo bleiben. Das hängt von Personal, Fachverfahren, Schnittstellen und "
            "Schulungsbedarf ab. Danach informieren Sie den Rat.",
        ),
    }[key]


def tasks(key: str) -> list[str]:
    return {
        "assignment": [
            QCoreApplication.translate(
                "Steps",
                "Ämter und Fachbereiche Ihrer Verwaltung erfassen (aus einer Vorlage oder selbst).",
            ),
            QCoreApplication.translate(
                "Steps", "Relevante Leistungen grob einem federführenden Amt zuordnen."
            ),
            QCoreApplication.translate("Steps", "Je Amt 1–2 OZG-Ansprechpersonen benennen lassen."),
            QCoreApplication.translate(
                "Steps",
                "Organisation und IT, Personalrat, Verwaltungsspitze sowie Presse- und "
                "Öffentlichkeitsarbeit informieren.",
            ),
            QCoreApplication.translate(
                "Steps",
                "Mit dem IT-Dienstleister klären, ob die Website an den Portalverbund (XZuFi) angebunden ist.",
            ),
        ],
        "workshop": [
            QCoreApplication.translate(
                "Steps", "Termin, Format (vor Ort, Video, hybrid) und Ort oder Videolink festlegen."
            ),
            QCoreApplication.translate(
                "Steps",
                "Teilnehmende einladen: Ansprechpersonen der Ämter, Organisation/IT, Personalrat, Spitze, IT-Dienstleister.",
            ),
            QCoreApplication.translate(
                "Steps", "Tagesordnung und Handzettel je Amt vorbereiten und drucken."
            ),
            QCoreApplication.translate("Steps", "Protokoll, Beschlüsse und Aufgaben festhalten."),
        ],
        "delivery": [
            QCoreApplication.translate(
                "Steps",
                "Je Amt die zuständige Stelle mit Anschrift, Kontakt und Öffnungszeiten erfassen.",
            ),
            QCoreApplication.translate(
                "Steps", "Je Leistung Seite auf der Website und zuständige Stelle verknüpfen."
            ),
            QCoreApplication.translate(
                "Steps", "Die Ämter um Zulieferung bitten, Rückläufe prüfen und übernehmen."
            ),
            QCoreApplication.translate(
                "Steps", "Die Daten ins Redaktionssystem eintragen lassen und den Stand verfolgen."
            ),
        ],
        "roadmap": [
            QCoreApplication.translate(
                "Steps", "Je Leistung entscheiden: früh anbinden, später oder vorerst Status quo."
            ),
            QCoreApplication.translate(
                "Steps",
                "Voraussetzungen prüfen: Fachverfahren, Servicekonto, ePayment, Transport, E-Akte.",
            ),
            QCoreApplication.translate(
                "Steps", "Aufwand und Kapazität der Ämter je Quartal abgleichen."
            ),
            QCoreApplication.translate(
                "Steps", "Kommunikation für Beschäftigte, Rat und Bürgerschaft planen."
            ),
            QCoreApplication.translate("Steps", "Dem Rat berichten."),
        ],
    }[key]
