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


def help_html(key: str) -> str:
    """Help for a step: what it is, why it matters, how to do it in ozgdesk."""

    def t(text: str) -> str:
        return QCoreApplication.translate("StepHelp", text)

    texts = {
        "overview": (
            t("Übersicht"),
            t(
                "Sie verschaffen sich einen Überblick über alle Verwaltungsleistungen (LeiKa) und entscheiden, welche Ihre Kommune betreffen."
            ),
            t(
                "Nicht jede OZG-Leistung ist für jede Kommune wichtig. Wer früh und mutig priorisiert, spart später Arbeit in allen Ämtern."
            ),
            [
                t(
                    "Im Reiter „Leistungen“ suchen und filtern (Themenfeld, Lebenslage, Typ, Relevanz)."
                ),
                t(
                    "Leistungen auswählen und mit „Relevant“, „Nicht relevant“ oder „Prüfen“ entscheiden – ohne Auswahl gilt es für alle angezeigten."
                ),
                t(
                    "Die Spalten „Vorschlag“ und „Begründung des Vorschlags“ sagen, wer die Leistung in NRW für Ihre Art von Kommune ausführt (Bund, Land, Kreis oder Gemeinde); „Vorschläge übernehmen“ füllt damit die noch offenen Leistungen. Eigene Regeln im Reiter „Vorschlagsregeln“ gehen vor, die Art der Kommune steht unter „Datei → Projekteinstellungen…“."
                ),
                t(
                    "Eigene Listen (Excel, LibreOffice, CSV) mit „Importieren…“ einlesen; die Vorschau zeigt jede Auffälligkeit."
                ),
                t(
                    "Im Reiter „Netzwerk“ den IT-Dienstleister, das Kompetenzzentrum und die Nachbarkommunen festhalten."
                ),
            ],
        ),
        "assignment": (
            t("Zuordnung"),
            t(
                "Sie ordnen die relevanten Leistungen grob den Ämtern zu und sorgen dafür, dass jedes Amt 1–2 OZG-Ansprechpersonen benennt."
            ),
            t(
                "Mit der Liste je Amt überzeugen Sie die Verwaltungsspitze und die Ämter; ohne Ansprechpersonen bleibt die Arbeit bei Ihnen allein."
            ),
            [
                t(
                    "Ämter aus einer Vorlage anlegen oder selbst eintippen; umbenennen, zusammenführen, löschen."
                ),
                t(
                    "Leistungen auswählen und „Federführend zuordnen“ – oder auf ein Amt links ziehen."
                ),
                t(
                    "Zuordnungsregeln (z. B. Themenfeld → Amt) mit Vorschau anwenden; manuelle Zuordnungen bleiben."
                ),
                t(
                    "Im Reiter „Haus einbinden“ festhalten, wer informiert ist, und die Schnittstelle zum Portalverbund klären."
                ),
                t("Die Information der Verwaltungsspitze und die Listen je Amt als PDF ausgeben."),
            ],
        ),
        "workshop": (
            t("Workshop"),
            t(
                "Sie planen den Auftakt-Workshop mit allen Ansprechpersonen, laden ein, drucken die Unterlagen und halten Beschlüsse und Aufgaben fest."
            ),
            t(
                "Im Workshop werden die Aufgaben der Datenlieferung und der Roadmap verteilt – gemeinsam statt allein."
            ),
            [
                t(
                    "„Neuer Workshop“ legt einen Termin mit der empfohlenen Tagesordnung an (Video: 2 Stunden, mit Vorbereitung ein halber Tag)."
                ),
                t(
                    "Teilnehmende aus den Ämtern und dem Netzwerk übernehmen; Einladungsstand und Anwesenheit pflegen."
                ),
                t(
                    "Einladungstext kopieren oder E-Mail-Entwürfe mit Kalenderdatei speichern – ozgdesk verschickt nichts selbst."
                ),
                t(
                    "Im Reiter „Ausdrucke“ Tagesordnung, Teilnehmerliste und die Handzettel je Amt drucken."
                ),
                t(
                    "Nach dem Workshop Beschlüsse und Aufgaben festhalten; offene Aufgaben erscheinen auf der Startseite."
                ),
            ],
        ),
        "delivery": (
            t("Datenlieferung"),
            t(
                "Jede relevante Leistung bekommt ihre zuständige Stelle (Anschrift, Kontakt, Öffnungszeiten, Ansprechpersonen) und ihre Seite auf der Website."
            ),
            t(
                "Nur so findet der Portalverbund, wer eine Leistung bei Ihnen erbringt. Die Website exportiert die Daten im Standard XZuFi."
            ),
            [
                t(
                    "Im Reiter „Ansprechstellen der Ämter“ die Angaben je Amt einmal eintragen – die Leistungen übernehmen sie."
                ),
                t(
                    "Im Reiter „Rücklauf der Ämter“ Excel-Formulare je Amt erstellen und die ausgefüllten Rückläufe mit Prüfung einlesen."
                ),
                t(
                    "Im Reiter „Leistungen“ sehen Sie, was fehlt; den Stand (angefragt, geliefert, eingetragen, geprüft) pflegen."
                ),
                t(
                    "Im Reiter „Ausgaben“ die Liste für das Redaktionssystem (Excel, CSV) oder eine XZuFi-Datei ausgeben."
                ),
                t("Im Reiter „Personen und Datenschutz“ eine Person überall entfernen."),
            ],
        ),
        "roadmap": (
            t("Roadmap"),
            t(
                "Sie planen Leistung für Leistung, wann welcher Online-Dienst angebunden wird, und berichten dem Rat."
            ),
            t(
                "Personal, Fachverfahren, Schnittstellen und Schulungen bestimmen das Tempo. Ein realistischer Plan schützt die Ämter vor Überlastung."
            ),
            [
                t(
                    "Im Reiter „Plan je Leistung“ entscheiden: früh, später oder vorerst Status quo – mit Quartal und Reifegrad."
                ),
                t(
                    "Die Kapazität der Ämter je Quartal eintragen; ozgdesk warnt, wenn mehr geplant ist als möglich."
                ),
                t(
                    "Der Zeitplan zeigt alles als Balken; als PNG, PDF (A4/A3 quer, mit wiederholter Beschriftung) oder gedruckt."
                ),
                t(
                    "Den Kommunikationsplan aus dem Starttermin erzeugen – für Beschäftigte, Rat und Bürgerschaft."
                ),
                t(
                    "Im Reiter „Bericht an den Rat“ Ausgangslage, Nutzen, Kosten und Risiken eintragen und den Bericht als PDF ausgeben."
                ),
            ],
        ),
    }
    title, what, why, how = texts[key]
    steps = "".join(f"<li>{item}</li>" for item in how)
    return (
        f"<h2>{title}</h2><h3>{t('Worum es geht')}</h3><p>{what}</p>"
        f"<h3>{t('Warum')}</h3><p>{why}</p><h3>{t('So geht es in ozgdesk')}</h3><ol>{steps}</ol>"
    )


SHORTCUTS = (
    ("Strg+0", "Startseite mit Überblick"),
    ("Strg+1 … Strg+5", "Schritt 1 … 5"),
    ("F1", "Hilfe zum aktuellen Schritt"),
    ("Strg+F", "Suchen (Schritt 1)"),
    ("Strg+Z / Strg+Y", "Rückgängig / Wiederholen (jede gespeicherte Änderung ist ein Schritt)"),
    ("Strg+P", "Hauptdokument des Schritts in der Druckvorschau (Seiten und Drucker wählen)"),
    ("F2, Eingabetaste, Doppelklick", "Eintrag einer Liste bearbeiten"),
    ("Rechte Maustaste", "Weitere Aktionen zu einem Listeneintrag"),
    ("Alt+R, Alt+N, Alt+P", "Relevant / Nicht relevant / Prüfen (Schritt 1)"),
    ("Strg+N", "Neues Projekt"),
    ("Strg+O", "Projekt öffnen"),
    ("Strg+Umschalt+S", "Kopie speichern unter"),
    ("Strg+Q", "Beenden"),
    ("Strg + Mausrad", "Zeitplan zoomen (Schritt 5)"),
    ("Tab / Umschalt+Tab", "Zum nächsten / vorigen Feld"),
)
