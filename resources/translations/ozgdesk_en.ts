<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/about.py" line="40"/>
        <source>Über ozgdesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/crash.py" line="32"/>
        <source>Unerwarteter Fehler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/crash.py" line="37"/>
        <source>(kein Protokollordner verfügbar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/crash.py" line="40"/>
        <source>In ozgdesk ist ein unerwarteter Fehler aufgetreten. Ihre bisherigen Änderungen sind gespeichert; die zuletzt begonnene Aktion wurde eventuell nicht ausgeführt.

Bitte schicken Sie die Details unten an den Support. Das Protokoll liegt unter:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/crash.py" line="49"/>
        <source>Fehlerdetails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/crash.py" line="51"/>
        <source>Details kopieren</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuidancePage</name>
    <message>
        <location filename="../../ozgdesk/ui/pages/base.py" line="103"/>
        <source>Was in diesem Schritt zu tun ist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/base.py" line="114"/>
        <source>Die Werkzeuge für diesen Schritt (Listen, Formulare, Ausdrucke) kommen mit einer der nächsten Versionen von ozgdesk in dieses Projekt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="72"/>
        <source>Schritte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="128"/>
        <source>&amp;Datei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="129"/>
        <source>&amp;Neues Projekt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="130"/>
        <source>Ö&amp;ffnen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="131"/>
        <source>&amp;Zuletzt geöffnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="135"/>
        <source>&amp;Kopie speichern unter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="139"/>
        <source>&amp;Beenden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="141"/>
        <source>&amp;Ansicht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="145"/>
        <source>Schritt %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="151"/>
        <source>&amp;Hilfe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="152"/>
        <source>&amp;Demo-Kommune öffnen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="154"/>
        <source>Ü&amp;ber ozgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="160"/>
        <source>(keine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="188"/>
        <source> [Demo]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="190"/>
        <source> [schreibgeschützt]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="195"/>
        <source>Schreibgeschützt geöffnet: Sie können alles ansehen und drucken, aber nichts ändern. Zum Bearbeiten schließen Sie das Projekt an anderer Stelle oder speichern Sie über „Datei → Kopie speichern unter…“ eine eigene Kopie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="201"/>
        <source>%1 · %2 · Änderungen werden sofort gespeichert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="205"/>
        <source>%1 · %2 · schreibgeschützt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="223"/>
        <source>Schritt %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="271"/>
        <source>Kopie speichern unter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="271"/>
        <source>ozgdesk-Projekte (*.ozgdesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/main_window.py" line="283"/>
        <source>Kopie gespeichert: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ozgdesk/ui/messages.py" line="33"/>
        <source>Schreibgeschützt öffnen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="42"/>
        <source>Willkommen bei ozgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="42"/>
        <source>Neues Projekt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="47"/>
        <source>Ein Projekt gehört zu genau einer Kommune und ist eine einzige Datei. Alle Änderungen werden sofort darin gespeichert. Der Leistungskatalog NRW wird beim Anlegen geladen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="58"/>
        <source>Kommune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="67"/>
        <source>Kommune aus der NRW-Liste wählen oder Namen eintippen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="73"/>
        <source>Website der Kommune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="74"/>
        <source>z. B. www.musterstadt.de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="78"/>
        <source>Speicherort der Projektdatei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="81"/>
        <source>Ändern…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="82"/>
        <source>Speicherort wählen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="89"/>
        <source>&amp;Kommune:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="90"/>
        <source>&amp;Website:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="91"/>
        <source>&amp;Speicherort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="100"/>
        <source>Projekt anlegen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="105"/>
        <source>Vorhandenes Projekt öffnen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="109"/>
        <source>Demo-Kommune ansehen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="151"/>
        <source>Projektdatei anlegen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="151"/>
        <source>ozgdesk-Projekte (*.ozgdesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="159"/>
        <source>Bitte wählen Sie Ihre Kommune oder geben Sie ihren Namen ein.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="161"/>
        <source>Bitte wählen Sie einen Speicherort.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/dialogs/new_project.py" line="164"/>
        <source>Diese Datei gibt es schon. Wählen Sie einen anderen Namen oder öffnen Sie das vorhandene Projekt über „Datei → Öffnen…“.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../../ozgdesk/ui/opening.py" line="27"/>
        <source>Projekt wird geöffnet …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/opening.py" line="45"/>
        <source>Projekt öffnen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/opening.py" line="47"/>
        <source>ozgdesk-Projekte (*.ozgdesk);;Alle Dateien (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/opening.py" line="58"/>
        <source>Projekt wird angelegt und der Leistungskatalog geladen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/opening.py" line="91"/>
        <source>Demo-Kommune wird erzeugt …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="65"/>
        <source>Suchen nach Leistung, Schlüssel, OZG-Leistung … (Strg+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="68"/>
        <source>Leistungen durchsuchen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="72"/>
        <source>Alle Themenfelder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="72"/>
        <source>Themenfeld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="73"/>
        <source>Alle Lebenslagen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="73"/>
        <source>Lebenslage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="74"/>
        <source>Alle Typen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="74"/>
        <source>LeiKa-Typ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="91"/>
        <source>Leistungskatalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="114"/>
        <source>Details zur Leistung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="187"/>
        <source>%1 von %2 Leistungen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="205"/>
        <source>%1 Leistungen ausgewählt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/overview.py" line="207"/>
        <source>Wählen Sie eine Leistung in der Tabelle, um hier ihre Details zu sehen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceTableModel</name>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="47"/>
        <source>LeiKa-Schlüssel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="48"/>
        <source>Leistung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="49"/>
        <source>Typ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="50"/>
        <source>OZG-Leistung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="51"/>
        <source>Lebenslage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="52"/>
        <source>Themenfeld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="53"/>
        <source>SDG 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="54"/>
        <source>SDG 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="56"/>
        <source>ohne Schlüssel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="57"/>
        <source>ja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/models/service_table.py" line="98"/>
        <source>Kein gültiger LeiKa-Schlüssel (Quelle: „%1“)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusChip</name>
    <message>
        <location filename="../../ozgdesk/ui/pages/base.py" line="35"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../../ozgdesk/ui/pages/base.py" line="54"/>
        <source>Schritt %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="10"/>
        <source>Verschaffen Sie sich einen Überblick: Welche Verwaltungsleistungen gibt es, und welche davon erbringt Ihre Kommune? Durchsuchen Sie den Leistungskatalog und filtern Sie nach Themenfeld, Lebenslage und Typ. Als Nächstes entscheiden Sie, welche Leistungen bei Ihnen relevant sind, und stellen sich Ihrem IT-Dienstleister und den Nachbarkommunen als OZG-Ansprechperson vor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="17"/>
        <source>Ordnen Sie die relevanten Leistungen grob den Ämtern zu – ein erster Überblick, keine Perfektion. Mit dieser Liste zeigen Sie der Verwaltungsspitze, dass jedes Amt 1–2 OZG-Ansprechpersonen benennen muss. Klären Sie mit dem IT-Dienstleister, ob Ihre Website eine Schnittstelle zum Portalverbund (XZuFi) hat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="23"/>
        <source>Laden Sie die Ansprechpersonen der Ämter, Organisation und IT, den Personalrat, die Verwaltungsspitze und den IT-Dienstleister zu einem Auftakt-Workshop ein. Als Videokonferenz planen Sie zwei Stunden, mit Vorbereitung einen halben Tag. Im Workshop verteilen Sie die Aufgaben für Datenlieferung und Roadmap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="29"/>
        <source>Jede relevante Leistung braucht im Redaktionssystem Ihrer Website ihre zuständige Stelle und ihre Seite, damit der Portalverbund findet, wer sie bei Ihnen erbringt. Die Ämter liefern ihre Daten zu; Sie prüfen sie und sorgen für die Eintragung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="34"/>
        <source>Gehen Sie die Leistungen mit den Ansprechpersonen der Ämter von A bis Z durch und planen Sie, wann welcher Online-Dienst angebunden wird: früh dabei sein oder vorerst beim Status quo bleiben. Das hängt von Personal, Fachverfahren, Schnittstellen und Schulungsbedarf ab. Danach informieren Sie den Rat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="46"/>
        <source>Ämter und Fachbereiche Ihrer Verwaltung erfassen (aus einer Vorlage oder selbst).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="47"/>
        <source>Relevante Leistungen grob einem federführenden Amt zuordnen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="48"/>
        <source>Je Amt 1–2 OZG-Ansprechpersonen benennen lassen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="49"/>
        <source>Organisation und IT, Personalrat, Verwaltungsspitze sowie Presse- und Öffentlichkeitsarbeit informieren.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="53"/>
        <source>Mit dem IT-Dienstleister klären, ob die Website an den Portalverbund (XZuFi) angebunden ist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="56"/>
        <source>Termin, Format (vor Ort, Video, hybrid) und Ort oder Videolink festlegen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="57"/>
        <source>Teilnehmende einladen: Ansprechpersonen der Ämter, Organisation/IT, Personalrat, Spitze, IT-Dienstleister.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="58"/>
        <source>Tagesordnung und Handzettel je Amt vorbereiten und drucken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="59"/>
        <source>Protokoll, Beschlüsse und Aufgaben festhalten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="62"/>
        <source>Je Amt die zuständige Stelle mit Anschrift, Kontakt und Öffnungszeiten erfassen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="63"/>
        <source>Je Leistung Seite auf der Website und zuständige Stelle verknüpfen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="64"/>
        <source>Die Ämter um Zulieferung bitten, Rückläufe prüfen und übernehmen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="65"/>
        <source>Die Daten ins Redaktionssystem eintragen lassen und den Stand verfolgen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="68"/>
        <source>Je Leistung entscheiden: früh anbinden, später oder vorerst Status quo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="69"/>
        <source>Voraussetzungen prüfen: Fachverfahren, Servicekonto, ePayment, Transport, E-Akte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="70"/>
        <source>Aufwand und Kapazität der Ämter je Quartal abgleichen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="71"/>
        <source>Kommunikation für Beschäftigte, Rat und Bürgerschaft planen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ozgdesk/ui/pages/steps_text.py" line="72"/>
        <source>Dem Rat berichten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
