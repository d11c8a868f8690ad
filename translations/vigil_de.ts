<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>FileJobs</name>
    <message>
        <source>%1

Nothing was imported; the project is unchanged.</source>
        <translation>%1

Es wurde nichts importiert; das Projekt ist unverändert.</translation>
    </message>
    <message>
        <source>Reading %1 (%2 of %3)</source>
        <translation>%1 wird gelesen (%L2 von %L3)</translation>
    </message>
    <message>
        <source>No series found in the chosen files.</source>
        <translation>In den gewählten Dateien wurden keine Reihen gefunden.</translation>
    </message>
    <message>
        <source>Writing to the project</source>
        <translation>Projekt wird geschrieben</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Nothing to export: the project has no such series.</source>
        <translation>Nichts zu exportieren: Das Projekt enthält keine solchen Reihen.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>Writing files</source>
        <translation>Dateien werden geschrieben</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Copying the project</source>
        <translation>Projekt wird kopiert</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more series</source>
        <translation>
            <numerusform>%1 und %n weitere Reihe</numerusform>
            <numerusform>%1 und %n weitere Reihen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>vigil: unknown language &quot;%1&quot; (use en, de or system)</source>
        <translation>vigil: unbekannte Sprache „%1“ (en, de oder system verwenden)</translation>
    </message>
    <message>
        <source>Label and detect anomalies in time series.</source>
        <translation>Anomalien in Zeitreihen kennzeichnen und erkennen.</translation>
    </message>
    <message>
        <source>Render the main window to OUT.png and exit.</source>
        <translation>Das Hauptfenster als OUT.png speichern und beenden.</translation>
    </message>
    <message>
        <source>OUT.png</source>
        <translation>OUT.png</translation>
    </message>
    <message>
        <source>Window size for --screenshot (default 1400x860).</source>
        <translation>Fenstergröße für --screenshot (Standard 1400x860).</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>User interface language: en, de or system (default: the setting, else the system&apos;s).</source>
        <translation>Sprache der Oberfläche: en, de oder system (Standard: die Einstellung, sonst die des Systems).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>SPRACHE</translation>
    </message>
    <message>
        <source>A .vigil project to open, and/or data files or folders to import. Data without a project goes into a new project beside the first data path (data.csv gives data.vigil, or data-2.vigil … when that exists; nothing is overwritten). The import wizard opens on the data, showing the detected format and the first rows; the project is written only when you press Import.</source>
        <translation>Ein zu öffnendes .vigil-Projekt und/oder zu importierende Datendateien oder -ordner. Daten ohne Projekt kommen in ein neues Projekt neben dem ersten Datenpfad (aus data.csv wird data.vigil, oder data-2.vigil … falls es bereits existiert; nichts wird überschrieben). Der Import-Assistent öffnet sich mit den Daten und zeigt das erkannte Format und die ersten Zeilen; das Projekt wird erst geschrieben, wenn Sie „Importieren“ drücken.</translation>
    </message>
    <message>
        <source>Dock tab to show in front for --screenshot: queue, detections, suggestions, explanation or training.</source>
        <translation>Dock-Reiter, der bei --screenshot vorne liegt: queue, detections, suggestions, explanation oder training.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>vigil: --dock must be queue, detections, suggestions, explanation or training, not %1</source>
        <translation>vigil: --dock muss queue, detections, suggestions, explanation oder training sein, nicht %1</translation>
    </message>
    <message>
        <source>vigil: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set). Run it in a desktop session, under xvfb-run, or use vigil-cli, which needs none.</source>
        <translation>vigil: keine Anzeige, auf der sich das Fenster öffnen ließe (DISPLAY und WAYLAND_DISPLAY sind nicht gesetzt). Starten Sie es in einer Desktop-Sitzung, unter xvfb-run, oder nutzen Sie vigil-cli, das keine braucht.</translation>
    </message>
    <message>
        <source>vigil: note: --screenshot imports nothing; ignored: %1</source>
        <translation>vigil: Hinweis: --screenshot importiert nichts; ignoriert: %1</translation>
    </message>
</context>
<context>
    <name>vigil::core</name>
    <message>
        <source>residual %1σ: the value jumps away from its recent median</source>
        <translation>Residuum %1σ: der Wert springt von seinem jüngsten Median weg</translation>
    </message>
    <message>
        <source>largest residual:</source>
        <translation>größtes Residuum:</translation>
    </message>
    <message>
        <source>picked at random (baseline)</source>
        <translation>zufällig gewählt (Vergleichsbasis)</translation>
    </message>
    <message>
        <source>no model yet, so ranked by residual:</source>
        <translation>noch kein Modell, daher nach Residuum geordnet:</translation>
    </message>
    <message>
        <source>the detector is undecided here (margin %1)</source>
        <translation>der Detektor ist hier unentschieden (Abstand %1)</translation>
    </message>
    <message>
        <source>the detector is undecided here (p %1)</source>
        <translation>der Detektor ist hier unentschieden (p %1)</translation>
    </message>
    <message>
        <source>the detector&apos;s probability is %1</source>
        <translation>die Wahrscheinlichkeit des Detektors ist %1</translation>
    </message>
    <message>
        <source>no anomaly confirmed yet, so asking where one is most likely</source>
        <translation>noch keine Anomalie bestätigt, daher die Frage, wo eine am wahrscheinlichsten ist</translation>
    </message>
    <message>
        <source>no model yet, so asking where an anomaly is most likely</source>
        <translation>noch kein Modell, daher die Frage, wo eine Anomalie am wahrscheinlichsten ist</translation>
    </message>
    <message>
        <source>the VAE sees an unusual shape (error %1σ) that the detector calls normal</source>
        <translation>der VAE sieht eine ungewöhnliche Form (Fehler %1σ), die der Detektor normal nennt</translation>
    </message>
    <message>
        <source>the detector flags it although the VAE finds the shape ordinary (error %1σ)</source>
        <translation>der Detektor markiert es, obwohl der VAE die Form gewöhnlich findet (Fehler %1σ)</translation>
    </message>
    <message>
        <source>the potential function is unsure (φ %1)</source>
        <translation>die Potenzialfunktion ist unsicher (φ %1)</translation>
    </message>
    <message>
        <source>no model yet, so by residual and diversity:</source>
        <translation>noch kein Modell, daher nach Residuum und Vielfalt:</translation>
    </message>
    <message>
        <source>, and </source>
        <translation>, und </translation>
    </message>
    <message>
        <source>unlike anything labelled or asked so far</source>
        <translation>anders als alles bisher Gekennzeichnete oder Gefragte</translation>
    </message>
    <message>
        <source>the anomaly labelled at row %1 reaches the end of what is labelled: does it go on here?</source>
        <translation>die in Zeile %1 gekennzeichnete Anomalie reicht bis ans Ende des Gekennzeichneten: geht sie hier weiter?</translation>
    </message>
    <message>
        <source>the anomaly labelled at row %1 reaches the start of what is labelled: does it go on here?</source>
        <translation>die in Zeile %1 gekennzeichnete Anomalie reicht bis an den Anfang des Gekennzeichneten: beginnt sie schon hier?</translation>
    </message>
    <message>
        <source>no model yet: queries come from the rolling-median residual</source>
        <translation>noch kein Modell: die Anfragen kommen aus dem Residuum zum gleitenden Median</translation>
    </message>
    <message>
        <source>no model yet: queries come from the rolling-median residual and diversity</source>
        <translation>noch kein Modell: die Anfragen kommen aus dem Residuum zum gleitenden Median und der Vielfalt</translation>
    </message>
    <message>
        <source>some series have no scores under model version %1 (run score)</source>
        <translation>einige Reihen haben unter Modellversion %1 keine Anomaliewerte (vigil-cli score ausführen)</translation>
    </message>
    <message>
        <source>not enough labels to estimate F1 yet: label anomalies in at least two places and some normal data</source>
        <translation>noch zu wenige Kennzeichnungen, um F1 zu schätzen: Kennzeichnen Sie Anomalien an mindestens zwei Stellen und einige normale Daten</translation>
    </message>
    <message>
        <source>no F1 estimate yet</source>
        <translation>noch keine F1-Schätzung</translation>
    </message>
    <message>
        <source>the last %1 labelling batches changed the estimated F1 by less than %2 (%3 -&gt; %4): more labels have stopped helping; stop here or label a different kind of event</source>
        <translation>die letzten %1 Kennzeichnungsrunden haben das geschätzte F1 um weniger als %2 verändert (%3 → %4): Weitere Kennzeichnungen helfen nicht mehr; hören Sie hier auf oder kennzeichnen Sie eine andere Art von Ereignis</translation>
    </message>
    <message>
        <source>estimated F1 %1 on %2 labelled points (%3 since the previous batch); more labels still help</source>
        <translation>geschätztes F1 %1 auf %2 gekennzeichneten Punkten (%3 seit der vorigen Runde); weitere Kennzeichnungen helfen noch</translation>
    </message>
    <message>
        <source>estimated F1 %1 on %2 labelled points; label another batch to see the trend</source>
        <translation>geschätztes F1 %1 auf %2 gekennzeichneten Punkten; kennzeichnen Sie eine weitere Runde, um den Trend zu sehen</translation>
    </message>
    <message>
        <source>isolated spikes (the newest value far from the rest of its window)</source>
        <translation>vereinzelte Ausreißer (der neueste Wert liegt weit weg vom Rest seines Fensters)</translation>
    </message>
    <message>
        <source>level shifts (the last third of the window moved away from the rest)</source>
        <translation>Niveauverschiebungen (das letzte Drittel des Fensters hat sich vom Rest entfernt)</translation>
    </message>
    <message>
        <source>variance changes (the window became noisier or wider)</source>
        <translation>Varianzänderungen (das Fenster wurde unruhiger oder breiter)</translation>
    </message>
    <message>
        <source>seasonality breaks (the value differs from the same phase one period earlier)</source>
        <translation>Saisonalitätsbrüche (der Wert weicht von derselben Phase eine Periode zuvor ab)</translation>
    </message>
    <message>
        <source>%1 separates the %2 windows labelled anomalous from the %3 unlabelled ones (no normal labels yet) (AUC %4; median %5 vs %6).</source>
        <translation>%1 trennt die %2 als anomal gekennzeichneten Fenster von den %3 nicht gekennzeichneten (noch keine normalen Kennzeichnungen) (AUC %4; Median %5 gegenüber %6).</translation>
    </message>
    <message>
        <source>%1 separates the %2 windows labelled anomalous from the %3 labelled normal (AUC %4; median %5 vs %6).</source>
        <translation>%1 trennt die %2 als anomal gekennzeichneten Fenster von den %3 als normal gekennzeichneten (AUC %4; Median %5 gegenüber %6).</translation>
    </message>
    <message>
        <source>a default term that rises past %1 = %2 (no labels to tune it yet).</source>
        <translation>ein Standardterm, der über %1 = %2 ansteigt (noch keine Kennzeichnungen, um ihn abzustimmen).</translation>
    </message>
    <message>
        <source>Built-in (no LLM) potential: a weighted sum of %1 terms</source>
        <translation>Integriertes Potenzial (ohne LLM): eine gewichtete Summe von %1 Termen</translation>
    </message>
    <message>
        <source>Built-in (no LLM) potential: a weighted sum of 1 term</source>
        <translation>Integriertes Potenzial (ohne LLM): ein einzelner gewichteter Term</translation>
    </message>
    <message>
        <source>no candidate term separates the labels (every AUC &lt; 0.55), so this is the generic prior</source>
        <translation>kein Kandidatenterm trennt die Kennzeichnungen (jede AUC &lt; 0,55), daher ist dies die allgemeine Vorannahme</translation>
    </message>
    <message>
        <source>there are no labels of both classes yet, so this is the generic prior</source>
        <translation>es gibt noch keine Kennzeichnungen beider Klassen, daher ist dies die allgemeine Vorannahme</translation>
    </message>
    <message>
        <source>each term is weighted by how well it separates the labelled windows</source>
        <translation>jeder Term ist danach gewichtet, wie gut er die gekennzeichneten Fenster trennt</translation>
    </message>
    <message>
        <source>Revised because the previous potential&apos;s AUC on the current labels fell.</source>
        <translation>Überarbeitet, weil die AUC des vorigen Potenzials auf den aktuellen Kennzeichnungen gesunken ist.</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>the file has a header but no data rows</source>
        <translation>die Datei hat eine Kopfzeile, aber keine Datenzeilen</translation>
    </message>
    <message>
        <source>no numeric value column found</source>
        <translation>keine numerische Wertespalte gefunden</translation>
    </message>
    <message>
        <source>the timestamp and the label column cannot be the same column</source>
        <translation>Zeitstempel- und Kennzeichnungsspalte können nicht dieselbe Spalte sein</translation>
    </message>
    <message>
        <source>expected %1 fields, found %2</source>
        <translation>%1 Felder erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>the line has %1 fields; at most %2 columns are supported</source>
        <translation>die Zeile hat %1 Felder; höchstens %2 Spalten werden unterstützt</translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation>Zahl erwartet, gefunden: %1</translation>
    </message>
    <message>
        <source>infinite value %1 is not a valid measurement; expected a finite number</source>
        <translation>der unendliche Wert %1 ist kein gültiger Messwert; erwartet wird eine endliche Zahl</translation>
    </message>
    <message>
        <source>expected a label 0/1 or true/false (or an empty cell), found %1</source>
        <translation>Kennzeichnung 0/1 oder true/false (oder eine leere Zelle) erwartet, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a class (anomaly, normal or class&lt;N&gt;) or an empty cell, found %1</source>
        <translation>Klasse (anomaly, normal oder class&lt;N&gt;) oder eine leere Zelle erwartet, gefunden: %1</translation>
    </message>
    <message>
        <source>expected a label source (human, propagated, model, imported) or an empty cell, found %1</source>
        <translation>Herkunft der Kennzeichnung (human, propagated, model, imported) oder eine leere Zelle erwartet, gefunden: %1</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>read error</source>
        <translation>Lesefehler</translation>
    </message>
    <message>
        <source>not a text file (it contains NUL bytes)</source>
        <translation>keine Textdatei (sie enthält NUL-Bytes)</translation>
    </message>
    <message>
        <source>the folder holds no data files</source>
        <translation>der Ordner enthält keine Datendateien</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>keine solche Datei und kein solcher Ordner</translation>
    </message>
    <message>
        <source>not an SMD folder (expected test/ and test_label/)</source>
        <translation>kein SMD-Ordner (erwartet werden test/ und test_label/)</translation>
    </message>
    <message>
        <source>no such project file</source>
        <translation>Projektdatei nicht gefunden</translation>
    </message>
    <message>
        <source>is a folder, not a Vigil project file</source>
        <translation>ist ein Ordner, keine Vigil-Projektdatei</translation>
    </message>
    <message>
        <source>is empty, not a Vigil project</source>
        <translation>ist leer, kein Vigil-Projekt</translation>
    </message>
    <message>
        <source>is not a Vigil project (not an SQLite database:</source>
        <translation>ist kein Vigil-Projekt (keine SQLite-Datenbank:</translation>
    </message>
    <message>
        <source>is not a Vigil project (an SQLite database without Vigil&apos;s meta table)</source>
        <translation>ist kein Vigil-Projekt (eine SQLite-Datenbank ohne Vigils Meta-Tabelle)</translation>
    </message>
    <message>
        <source>is damaged and cannot be opened (SQLite:</source>
        <translation>ist beschädigt und kann nicht geöffnet werden (SQLite:</translation>
    </message>
    <message>
        <source>Open a backup copy of the project, or import the data again.</source>
        <translation>Öffnen Sie eine Sicherungskopie des Projekts oder importieren Sie die Daten erneut.</translation>
    </message>
    <message>
        <source>was written by a newer Vigil (schema %1; this build reads up to %2). Update Vigil to open it.</source>
        <translation>wurde von einem neueren Vigil geschrieben (Schema %1; diese Version liest bis %2). Aktualisieren Sie Vigil, um es zu öffnen.</translation>
    </message>
    <message>
        <source>the file or its folder is not writable (Vigil writes a journal beside the project;</source>
        <translation>die Datei oder ihr Ordner ist nicht beschreibbar (Vigil schreibt ein Journal neben das Projekt;</translation>
    </message>
    <message>
        <source>%1 points, fewer than the window of %2</source>
        <translation>%1 Punkte, weniger als das Fenster von %2</translation>
    </message>
    <message>
        <source>no observed value in the channels used</source>
        <translation>kein beobachteter Wert in den verwendeten Kanälen</translation>
    </message>
    <message>
        <source>the detector for %1-channel series ran no Q-network update, so it is not scored</source>
        <translation>der Detektor für Reihen mit %1 Kanälen hat kein Q-Netz-Update ausgeführt, daher wird sie nicht bewertet</translation>
    </message>
    <message>
        <source>no detector for %1-channel series in this model version; train again</source>
        <translation>kein Detektor für Reihen mit %1 Kanälen in dieser Modellversion; trainieren Sie erneut</translation>
    </message>
    <message>
        <source>expected a confidence from 0 to 1 (or an empty cell), found %1</source>
        <translation>Konfidenz von 0 bis 1 (oder leere Zelle) erwartet, gefunden: %1</translation>
    </message>
    <message>
        <source>the label names a channel this file does not have: %1</source>
        <translation>die Kennzeichnung nennt einen Kanal, den diese Datei nicht hat: %1</translation>
    </message>
    <message>
        <source>a fractional timestamp (timestamps are whole numbers, e.g. epoch milliseconds, or ISO 8601 date-times): %1</source>
        <translation>ein Zeitstempel mit Nachkommastellen (Zeitstempel sind ganze Zahlen, z. B. Epochen-Millisekunden, oder ISO-8601-Zeitangaben): %1</translation>
    </message>
    <message>
        <source>no reply from %1 within %2 s</source>
        <translation>keine Antwort von %1 innerhalb von %2 s</translation>
    </message>
    <message>
        <source>cannot reach %1:</source>
        <translation>%1 ist nicht erreichbar:</translation>
    </message>
    <message>
        <source>rate-limited by %1 (HTTP 429) after %2 attempts</source>
        <translation>von %1 gedrosselt (HTTP 429), nach %2 Versuchen</translation>
    </message>
    <message>
        <source>rate-limited by %1: the server asks to wait %2 s</source>
        <translation>von %1 gedrosselt: der Server bittet, %2 s zu warten</translation>
    </message>
    <message>
        <source>HTTP %1 from %2:</source>
        <translation>HTTP %1 von %2:</translation>
    </message>
    <message>
        <source>is damaged: %1 of its labels are invalid, outside their series or of an unknown source or class (Vigil never writes such a label; another program changed the file).</source>
        <translation>ist beschädigt: %1 seiner Kennzeichnungen sind ungültig, außerhalb ihrer Zeitreihe oder von unbekannter Herkunft oder Klasse (Vigil schreibt nie eine solche Kennzeichnung; ein anderes Programm hat die Datei geändert).</translation>
    </message>
    <message>
        <source>another program changed the project&apos;s labels, so the next step to undo is not this one; nothing was changed</source>
        <translation>ein anderes Programm hat die Kennzeichnungen des Projekts geändert, daher ist der nächste rückgängig zu machende Schritt ein anderer; nichts wurde geändert</translation>
    </message>
    <message>
        <source>another program changed the project&apos;s labels, so the next step to redo is not this one; nothing was changed</source>
        <translation>ein anderes Programm hat die Kennzeichnungen des Projekts geändert, daher ist der nächste zu wiederholende Schritt ein anderer; nichts wurde geändert</translation>
    </message>
    <message>
        <source>the project is busy: another program is writing to it; try again in a moment</source>
        <translation>das Projekt ist belegt: ein anderes Programm schreibt gerade hinein; bitte gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>the project is open read-only: its file or folder cannot be written, so nothing was changed</source>
        <translation>das Projekt ist schreibgeschützt geöffnet: seine Datei oder sein Ordner ist nicht beschreibbar, daher wurde nichts geändert</translation>
    </message>
    <message>
        <source>Kept the stored potential.</source>
        <translation>Die gespeicherte Potenzialfunktion bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>it is the file a series was imported from; export to another folder</source>
        <translation>aus dieser Datei wurde eine Zeitreihe importiert; bitte in einen anderen Ordner exportieren</translation>
    </message>
    <message>
        <source>the reply is larger than %1 MB; it was cut off</source>
        <translation>die Antwort ist größer als %1 MB; sie wurde abgebrochen</translation>
    </message>
    <message>
        <source>it is the project file; choose another name for the report</source>
        <translation>es ist die Projektdatei; wählen Sie einen anderen Namen für den Bericht</translation>
    </message>
    <message>
        <source>it is the file a series was imported from; choose another name for the report</source>
        <translation>es ist die Datei, aus der eine Reihe importiert wurde; wählen Sie einen anderen Namen für den Bericht</translation>
    </message>
    <message>
        <source>column %1 is the timestamp column; it cannot be a value column as well</source>
        <translation>Spalte %1 ist die Zeitstempelspalte; sie kann nicht zugleich eine Wertespalte sein</translation>
    </message>
    <message>
        <source>column %1 is the label column; it cannot be a value column as well</source>
        <translation>Spalte %1 ist die Kennzeichnungsspalte; sie kann nicht zugleich eine Wertespalte sein</translation>
    </message>
    <message>
        <source>%2 columns are named %1; choose one by position (col1, col2, …) or rename it</source>
        <translation>%2 Spalten heißen %1; wählen Sie eine nach Position (col1, col2, …) oder benennen Sie sie um</translation>
    </message>
    <message>
        <source>Vigil keeps timestamps to the millisecond</source>
        <translation>Vigil speichert Zeitstempel auf die Millisekunde genau</translation>
    </message>
    <message>
        <source>the disk is full or cannot be written, so the journal beside the project cannot be created; the project is not damaged: free some space and open it again</source>
        <translation>der Datenträger ist voll oder nicht beschreibbar, daher kann das Journal neben dem Projekt nicht angelegt werden; das Projekt ist nicht beschädigt: schaffen Sie Platz und öffnen Sie es erneut</translation>
    </message>
    <message>
        <source>the project file was moved, replaced or deleted since it was opened, so nothing was saved; open it again from where it is now</source>
        <translation>die Projektdatei wurde seit dem Öffnen verschoben, ersetzt oder gelöscht, daher wurde nichts gespeichert; öffnen Sie sie erneut an ihrem jetzigen Ort</translation>
    </message>
    <message>
        <source>the file was replaced or deleted while Vigil had it open; close the project and open it again</source>
        <translation>die Datei wurde ersetzt oder gelöscht, während Vigil sie geöffnet hatte; schließen Sie das Projekt und öffnen Sie es erneut</translation>
    </message>
    <message>
        <source>the stored scores of series %1 under model version %2 are damaged; run score to compute them again</source>
        <translation>die gespeicherten Anomaliewerte der Reihe %1 unter Modellversion %2 sind beschädigt; führen Sie „score“ aus, um sie neu zu berechnen</translation>
    </message>
    <message>
        <source>the stored model is damaged (its checksum does not match); train again</source>
        <translation>das gespeicherte Modell ist beschädigt (seine Prüfsumme stimmt nicht); trainieren Sie erneut</translation>
    </message>
    <message>
        <source>a file of that name exists; a copy never replaces a file, so choose a new name</source>
        <translation>eine Datei dieses Namens existiert; eine Kopie ersetzt nie eine Datei, wählen Sie also einen neuen Namen</translation>
    </message>
    <message>
        <source>residual 0σ: the value stays at its recent median</source>
        <translation>Residuum 0σ: der Wert bleibt bei seinem jüngsten Median</translation>
    </message>
    <message>
        <source>some series have no scores: model version %1 has no detector for their number of channels (train again; if training leaves them out, label anomalies and normal data on them)</source>
        <translation>einige Reihen haben keine Anomaliewerte: Modellversion %1 hat keinen Detektor für ihre Kanalzahl (trainieren Sie erneut; lässt das Training sie aus, markieren Sie darauf Anomalien und normale Daten)</translation>
    </message>
    <message>
        <source>UTF-16 text (Excel&apos;s &quot;Unicode text&quot;): save it as CSV UTF-8 and import that</source>
        <translation>UTF-16-Text (Excels „Unicode-Text“): Speichern Sie ihn als CSV UTF-8 und importieren Sie diese Datei</translation>
    </message>
    <message>
        <source>a compressed file (gzip): decompress it and import the file inside</source>
        <translation>eine komprimierte Datei (gzip): Entpacken Sie sie und importieren Sie die enthaltene Datei</translation>
    </message>
    <message>
        <source>column %1 was left out: it holds text, not numbers (%2 on line %3)</source>
        <translation>Spalte %1 wurde ausgelassen: Sie enthält Text, keine Zahlen (%2 in Zeile %3)</translation>
    </message>
    <message>
        <source>column %1 was left out: it holds names (%2); if each one names a series (long format), split the file by it and import the parts</source>
        <translation>Spalte %1 wurde ausgelassen: Sie enthält Namen (%2); wenn jeder eine Reihe benennt (Langformat), teilen Sie die Datei danach auf und importieren Sie die Teile</translation>
    </message>
    <message>
        <source>a date-time format Vigil does not read (it reads ISO 8601 such as 2014-04-01 00:00:00 or 2014-04-01T00:00:00Z, dates with a four-digit year such as 01.04.2014 10:00 or 04/01/2014 10:00 AM, and integer timestamps): %1</source>
        <translation>ein Datumsformat, das Vigil nicht liest (es liest ISO 8601 wie 2014-04-01 00:00:00 oder 2014-04-01T00:00:00Z, Daten mit vierstelligem Jahr wie 01.04.2014 10:00 oder 04/01/2014 10:00 AM und ganzzahlige Zeitstempel): %1</translation>
    </message>
    <message>
        <source>expected a time of day such as 10:00:00, found %1</source>
        <translation>erwartet eine Uhrzeit wie 10:00:00, gefunden %1</translation>
    </message>
    <message>
        <source>%1 is there and is not a NAB windows file (a JSON object of data files and their windows); the NAB export adds its windows to such a file and replaces no other: choose another folder</source>
        <translation>%1 ist vorhanden und keine NAB-Fensterdatei (ein JSON-Objekt aus Datendateien und ihren Fenstern); der NAB-Export ergänzt eine solche Datei um seine Fenster und ersetzt keine andere: Wählen Sie einen anderen Ordner</translation>
    </message>
    <message>
        <source>the NAB window %1 to %2 holds no row of the data (it lies outside the series or between two rows, or the data&apos;s times carry a UTC offset and the window&apos;s do not); it marks nothing</source>
        <translation>das NAB-Fenster %1 bis %2 enthält keine Zeile der Daten (es liegt außerhalb der Reihe oder zwischen zwei Zeilen, oder die Zeiten der Daten tragen einen UTC-Versatz und die des Fensters nicht); es markiert nichts</translation>
    </message>
    <message>
        <source>%1 has a decimal comma, but %2 on line %3 a decimal point; one of them is a thousands separator or the file mixes both, so no reading is safe: save it with one decimal separator and no thousands separators</source>
        <translation>%1 hat ein Dezimalkomma, aber %2 in Zeile %3 einen Dezimalpunkt; eines davon ist ein Tausendertrennzeichen oder die Datei mischt beide, daher ist keine Lesart sicher: Speichern Sie sie mit einem Dezimaltrennzeichen und ohne Tausendertrennzeichen</translation>
    </message>
    <message>
        <source>a decimal comma, where the file&apos;s first 50 lines had none, so it was read with decimal points; write every number of the file with a decimal comma or with a decimal point</source>
        <translation>ein Dezimalkomma, wo die ersten 50 Zeilen der Datei keines hatten, daher wurde sie mit Dezimalpunkten gelesen; schreiben Sie jede Zahl der Datei mit Dezimalkomma oder mit Dezimalpunkt</translation>
    </message>
    <message>
        <source>every sampled date in column %1 reads both day first and month first; they were read day first (%2 as %3). If they are month first, import the file again with month-first dates (vigil-cli import --date-order mdy, or Dates in the import wizard)</source>
        <translation>jedes geprüfte Datum in Spalte %1 lässt sich mit dem Tag oder dem Monat zuerst lesen; gelesen wurde der Tag zuerst (%2 als %3). Steht der Monat zuerst, importieren Sie die Datei erneut mit Monat zuerst (vigil-cli import --date-order mdy, oder Daten im Import-Assistenten)</translation>
    </message>
    <message>
        <source>every sampled date in column %1 reads both day first and month first; they were read month first (%2 as %3). If they are day first, import the file again with day-first dates (vigil-cli import --date-order dmy, or Dates in the import wizard)</source>
        <translation>jedes geprüfte Datum in Spalte %1 lässt sich mit dem Tag oder dem Monat zuerst lesen; gelesen wurde der Monat zuerst (%2 als %3). Steht der Tag zuerst, importieren Sie die Datei erneut mit Tag zuerst (vigil-cli import --date-order dmy, oder Daten im Import-Assistenten)</translation>
    </message>
    <message>
        <source>read as %1 data, whose layout is fixed: the CSV options (delimiter, header, columns, date order) do not apply to it; import it as CSV (vigil-cli import --format csv, or Format in the import wizard) to read it as a plain table with them</source>
        <translation>als %1-Daten gelesen, deren Aufbau feststeht: die CSV-Optionen (Trennzeichen, Kopfzeile, Spalten, Datumsreihenfolge) gelten dafür nicht; als CSV importiert (vigil-cli import --format csv, oder Format im Import-Assistenten) wird die Datei als einfache Tabelle mit ihnen gelesen</translation>
    </message>
    <message>
        <source>residual %1σ: the value keeps near its recent median</source>
        <translation>Residuum %1σ: der Wert bleibt nahe an seinem jüngsten Median</translation>
    </message>
    <message>
        <source>its folder is missing or not writable</source>
        <translation>sein Ordner fehlt oder ist nicht beschreibbar</translation>
    </message>
    <message>
        <source>no queries: no series has an unlabelled window to ask about (a query is %1 rows; a shorter series, a fully labelled one or one with no observed value has none)</source>
        <translation>keine Anfragen: keine Reihe hat ein unbeschriftetes Fenster, nach dem gefragt werden kann (eine Anfrage umfasst %1 Zeilen; eine kürzere Reihe, eine vollständig beschriftete oder eine ohne beobachteten Wert hat keines)</translation>
    </message>
    <message>
        <source>no queries: the only windows left to ask about are ones the analyst skipped (%1), and a skipped window is not asked again; label them on the chart instead</source>
        <translation>keine Anfragen: die einzigen noch offenen Fenster sind solche, die der Analyst übersprungen hat (%1), und ein übersprungenes Fenster wird nicht erneut angefragt; beschriften Sie sie stattdessen im Diagramm</translation>
    </message>
    <message>
        <source>the folder holds no data files, only folders (%1); import those folders (subfolders are not searched)</source>
        <translation>der Ordner enthält keine Datendateien, nur Ordner (%1); importieren Sie diese Ordner (Unterordner werden nicht durchsucht)</translation>
    </message>
    <message>
        <source>%1 empty line(s) inside the column of values were read as missing values (rows keep their place)</source>
        <translation>%1 leere Zeile(n) in der Wertespalte wurden als fehlende Werte gelesen (die Zeilen behalten ihren Platz)</translation>
    </message>
    <message>
        <source>column %1 holds whole Unix seconds: they were read as date-times (UTC)</source>
        <translation>Spalte %1 enthält ganze Unix-Sekunden; sie wurden als Datum und Uhrzeit gelesen (UTC)</translation>
    </message>
    <message>
        <source>column %1 holds whole Unix milliseconds: they were read as date-times (UTC)</source>
        <translation>Spalte %1 enthält ganze Unix-Millisekunden; sie wurden als Datum und Uhrzeit gelesen (UTC)</translation>
    </message>
</context>
<context>
    <name>vigil::ui::DetectionTableModel</name>
    <message>
        <source>to review</source>
        <translation>zu prüfen</translation>
    </message>
    <message>
        <source>anomaly</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>New in model v%1: v%2 did not flag it</source>
        <translation>Neu in Modell v%1: v%2 hat es nicht markiert</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · neu</translation>
    </message>
</context>
<context>
    <name>vigil::ui::DetectionsDock</name>
    <message>
        <source>Detections</source>
        <translation>Erkennungen</translation>
    </message>
    <message>
        <source>Filter (series, range, status)</source>
        <translation>Filter (Reihe, Bereich, Status)</translation>
    </message>
    <message>
        <source>Peak ≥</source>
        <translation>Spitze ≥</translation>
    </message>
    <message>
        <source>Confirm detection as &amp;anomaly</source>
        <translation>Erkennung als &amp;Anomalie bestätigen</translation>
    </message>
    <message>
        <source>Reject detection as &amp;normal</source>
        <translation>Erkennung als &amp;normal verwerfen</translation>
    </message>
    <message>
        <source>Next detection</source>
        <translation>Nächste Erkennung</translation>
    </message>
    <message>
        <source>Previous detection</source>
        <translation>Vorherige Erkennung</translation>
    </message>
    <message>
        <source>Scanning the newest model&apos;s scores…</source>
        <translation>Die Anomaliewerte des neuesten Modells werden durchsucht …</translation>
    </message>
    <message>
        <source>Could not read the detections: %1</source>
        <translation>Die Erkennungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message numerus="yes">
        <source>Model v%1 · score ≥ %2 · %n detection(s) (%3 to review, %4 shown)</source>
        <translation>
            <numerusform>Modell v%1 · Anomaliewert ≥ %L2 · %n Erkennung (%L3 zu prüfen, %L4 angezeigt)</numerusform>
            <numerusform>Modell v%1 · Anomaliewert ≥ %L2 · %n Erkennungen (%L3 zu prüfen, %L4 angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 confirm anomaly · %2 normal · %3 next · %4 previous</source>
        <translation>%1 Anomalie bestätigen · %2 normal · %3 nächste · %4 vorherige</translation>
    </message>
    <message>
        <source>Not trained yet: train a model (Training tab, %1) to see what it detects.</source>
        <translation>Noch nicht trainiert: Trainieren Sie ein Modell (Reiter „Training“, %1), um zu sehen, was es erkennt.</translation>
    </message>
    <message>
        <source>Since v%1: %2 new (bold), %3 no longer flagged</source>
        <translation>Seit v%1: %2 neu (fett), %3 nicht mehr markiert</translation>
    </message>
    <message>
        <source>Filter detections</source>
        <translation>Detektionen filtern</translation>
    </message>
    <message>
        <source>Lowest peak score shown</source>
        <translation>Niedrigster angezeigter Spitzenwert</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ExplanationDock</name>
    <message>
        <source>Explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>Could not explain this window: %1</source>
        <translation>Dieses Fenster konnte nicht erklärt werden: %1</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>Select a query or a detection, or click the chart in Explore mode, to see why it scores as it does.</source>
        <translation>Wählen Sie eine Anfrage oder eine Erkennung aus oder klicken Sie im Erkundungsmodus in das Diagramm, um zu sehen, wie ihr Anomaliewert zustande kommt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, window ending at row %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Fenster bis Zeile %2</translation>
    </message>
    <message>
        <source>Explaining…</source>
        <translation>Wird erklärt …</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model v%1: anomaly score &lt;b&gt;%2&lt;/b&gt; (Q normal %3, Q anomaly %4)</source>
        <translation>Modell v%1: Anomaliewert &lt;b&gt;%2&lt;/b&gt; (Q normal %3, Q Anomalie %4)</translation>
    </message>
    <message>
        <source>VAE reconstruction error %1</source>
        <translation>VAE-Rekonstruktionsfehler %1</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>VAE error</source>
        <translation>VAE-Fehler</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>Potenzial</translation>
    </message>
    <message>
        <source>No potential yet.</source>
        <translation>Noch kein Potenzial.</translation>
    </message>
    <message>
        <source>Value %1 at this window · AUC on labelled windows %2</source>
        <translation>Wert %1 in diesem Fenster · AUC auf gekennzeichneten Fenstern %2</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Generated by %1 (model-written text: check it against the data)</source>
        <translation>Erzeugt von %1 (von einem Sprachmodell geschriebener Text: bitte an den Daten prüfen)</translation>
    </message>
    <message>
        <source>Written by the %1 analyst (deterministic rules, no language model)</source>
        <translation>Geschrieben vom Analysten „%1“ (deterministische Regeln, kein Sprachmodell)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Nearest labelled windows</source>
        <translation>Nächste gekennzeichnete Fenster</translation>
    </message>
    <message>
        <source>No labelled windows to compare with.</source>
        <translation>Keine gekennzeichneten Fenster zum Vergleich.</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Ends at row</source>
        <translation>Endet in Zeile</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <source>anomaly</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>built-in (no LLM)</source>
        <translation>integriert, ohne LLM</translation>
    </message>
    <message>
        <source>Ask for a potential function</source>
        <translation>Potenzialfunktion anfordern</translation>
    </message>
    <message>
        <source>Ask the LLM provider set in Settings (the built-in analyst when none is configured) to write a potential function from the labels, and store it with its AUC</source>
        <translation>Den in den Einstellungen gewählten LLM-Anbieter (oder, wenn keiner eingerichtet ist, den integrierten Analysten) aus den Kennzeichnungen eine Potenzialfunktion schreiben lassen und sie mit ihrer AUC speichern</translation>
    </message>
    <message>
        <source>Asking…</source>
        <translation>Wird angefragt …</translation>
    </message>
    <message>
        <source>Potential from %1%2 · AUC on labelled windows %3</source>
        <translation>Potenzial von %1%2 · AUC auf gekennzeichneten Fenstern %3</translation>
    </message>
    <message>
        <source> (model-written)</source>
        <translation> (von einem Sprachmodell geschrieben)</translation>
    </message>
    <message>
        <source>No new potential: %1</source>
        <translation>Kein neues Potenzial: %1</translation>
    </message>
    <message>
        <source>No potential stored yet; showing the built-in (no LLM) potential. “Ask for a potential function” below stores one.</source>
        <translation>Noch kein Potenzial gespeichert; angezeigt wird das integrierte Potenzial (ohne LLM). „Potenzialfunktion anfordern“ unten speichert eines.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting for the LLM; the stored potential stays in use</source>
        <translation>Nicht länger auf das LLM warten; die gespeicherte Potenzialfunktion bleibt in Gebrauch</translation>
    </message>
    <message>
        <source>Cancelled; the stored potential stays in use.</source>
        <translation>Abgebrochen; die gespeicherte Potenzialfunktion bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Not trained yet: train a model in the Training tab (%1) to see its score, Q-values and VAE error.</source>
        <translation>Noch nicht trainiert: Trainieren Sie im Reiter „Training“ ein Modell (%1), um seinen Anomaliewert, die Q-Werte und den VAE-Fehler zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, window ending at %2 UTC (row %3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Fenster bis %2 UTC (Zeile %3)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, window ending at %2 (row %3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Fenster bis %2 (Zeile %3)</translation>
    </message>
    <message>
        <source>This window has no observed value (all missing): every data feature is 0, so the potential below is its value on no data, not evidence.</source>
        <translation>Dieses Fenster enthält keinen beobachteten Wert (alle fehlen): Jedes Datenmerkmal ist 0, das Potenzial unten ist also sein Wert ohne Daten, kein Beleg.</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ExportDialog</name>
    <message>
        <source>One &lt;series&gt;.csv per series: timestamp, one column per channel, then label, class and source of each row. Importing it back gives the same values and labels.</source>
        <translation>Eine &lt;Reihe&gt;.csv pro Reihe: Zeitstempel, eine Spalte je Kanal, dann Kennzeichnung, Klasse und Quelle jeder Zeile. Ein erneuter Import ergibt dieselben Werte und Kennzeichnungen.</translation>
    </message>
    <message>
        <source>NAB layout: data/vigil/&lt;series&gt;.csv and labels/combined_windows.json with the anomaly windows (other classes are not carried).</source>
        <translation>NAB-Aufbau: data/vigil/&lt;Reihe&gt;.csv und labels/combined_windows.json mit den Anomaliefenstern (andere Klassen werden nicht übernommen).</translation>
    </message>
    <message>
        <source>Yahoo S5 layout: &lt;series&gt;.csv as timestamp, value, is_anomaly; one file per channel when a series has several.</source>
        <translation>Yahoo-S5-Aufbau: &lt;Reihe&gt;.csv mit timestamp, value, is_anomaly; eine Datei pro Kanal, wenn eine Reihe mehrere hat.</translation>
    </message>
    <message>
        <source>&amp;All series</source>
        <translation>&amp;Alle Reihen</translation>
    </message>
    <message>
        <source>&amp;Only these:</source>
        <translation>&amp;Nur diese:</translation>
    </message>
    <message>
        <source>Export labelled data</source>
        <translation>Gekennzeichnete Daten exportieren</translation>
    </message>
    <message>
        <source>Wide CSV with label columns</source>
        <translation>Breites CSV mit Kennzeichnungsspalten</translation>
    </message>
    <message>
        <source>NAB data and windows JSON</source>
        <translation>NAB-Daten und Fenster-JSON</translation>
    </message>
    <message>
        <source>Yahoo CSV per series</source>
        <translation>Yahoo-CSV pro Reihe</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Series:</source>
        <translation>Reihen:</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) for %1 series into %2.</source>
        <translation>
            <numerusform>%n Datei für %L1 Reihe(n) in %2 geschrieben.</numerusform>
            <numerusform>%n Dateien für %L1 Reihe(n) in %2 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; keine Datei wurde geschrieben.</translation>
    </message>
    <message>
        <source>Fol&amp;der:</source>
        <translation>&amp;Ordner:</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportFilesPage</name>
    <message>
        <source>Choose the data</source>
        <translation>Daten auswählen</translation>
    </message>
    <message>
        <source>Files or folders to import (or drop them here). A folder is searched for data files; an SMD folder (with test/ and test_label/) is read as one dataset.</source>
        <translation>Zu importierende Dateien oder Ordner (oder hierher ziehen). Ein Ordner wird nach Datendateien durchsucht; ein SMD-Ordner (mit test/ und test_label/) wird als ein Datensatz gelesen.</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Into a new project: %1 (created by the import)</source>
        <translation>In ein neues Projekt: %1 (wird beim Import angelegt)</translation>
    </message>
    <message>
        <source>Into the project %1</source>
        <translation>In das Projekt %1</translation>
    </message>
    <message>
        <source>Add data files</source>
        <translation>Datendateien hinzufügen</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.txt *.dat);;All files (*)</source>
        <translation>Datendateien (*.csv *.tsv *.txt *.dat);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add a data folder</source>
        <translation>Datenordner hinzufügen</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportPreviewModel</name>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Kennzeichnung</translation>
    </message>
    <message>
        <source>label class</source>
        <translation>Kennzeichnungsklasse</translation>
    </message>
    <message>
        <source>label source</source>
        <translation>Kennzeichnungsquelle</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoriert</translation>
    </message>
    <message>
        <source>col%1</source>
        <translation>Sp%1</translation>
    </message>
    <message>
        <source>%1
[%2]</source>
        <comment>column name, then what the import does with it</comment>
        <translation>%1
[%2]</translation>
    </message>
    <message>
        <source>Column %1 “%2”: %3</source>
        <translation>Spalte %1 „%2“: %3</translation>
    </message>
    <message>
        <source>suggestion confidence</source>
        <translation>Konfidenz des Vorschlags</translation>
    </message>
    <message>
        <source>labelled channels</source>
        <translation>gekennzeichnete Kanäle</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportPreviewPage</name>
    <message>
        <source>Columns of CSV files</source>
        <translation>Spalten der CSV-Dateien</translation>
    </message>
    <message>
        <source>Check the format and the columns</source>
        <translation>Format und Spalten prüfen</translation>
    </message>
    <message>
        <source>Nothing is written until you press Import.</source>
        <translation>Es wird nichts geschrieben, bevor Sie „Importieren“ drücken.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Timestamp:</source>
        <translation>Zeit&amp;stempel:</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Kennzeichnung:</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>&amp;Werte:</translation>
    </message>
    <message>
        <source>First rows of the selected file:</source>
        <translation>Erste Zeilen der ausgewählten Datei:</translation>
    </message>
    <message>
        <source>Detecting the format…</source>
        <translation>Format wird erkannt …</translation>
    </message>
    <message>
        <source>No data files found.</source>
        <translation>Keine Datendateien gefunden.</translation>
    </message>
    <message>
        <source>Choose at least one value column.</source>
        <translation>Wählen Sie mindestens eine Wertespalte.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) to import.</source>
        <translation>
            <numerusform>Zu importieren: %n Datei.</numerusform>
            <numerusform>Zu importieren: %n Dateien.</numerusform>
        </translation>
    </message>
    <message>
        <source>The column choice applies to every CSV file by name.</source>
        <translation>Die Spaltenauswahl gilt für jede CSV-Datei anhand der Spaltennamen.</translation>
    </message>
    <message>
        <source>The columns of each CSV file are detected on their own.</source>
        <translation>Die Spalten jeder CSV-Datei werden einzeln erkannt.</translation>
    </message>
    <message>
        <source>None (row number)</source>
        <translation>Keine (Zeilennummer)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>This format fixes its columns; there is nothing to choose.</source>
        <translation>Dieses Format legt seine Spalten selbst fest; es gibt nichts auszuwählen.</translation>
    </message>
    <message numerus="yes">
        <source>%n SMD folder(s) to import, one series per machine.</source>
        <translation>
            <numerusform>Zu importieren: %n SMD-Ordner, eine Reihe je Maschine.</numerusform>
            <numerusform>Zu importieren: %n SMD-Ordner, eine Reihe je Maschine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And %n file(s).</source>
        <translation>
            <numerusform>Dazu %n Datei.</numerusform>
            <numerusform>Dazu %n Dateien.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (column %2)</source>
        <translation>%1 (Spalte %2)</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Day first (31.12.2026)</source>
        <translation>Tag zuerst (31.12.2026)</translation>
    </message>
    <message>
        <source>Month first (12/31/2026)</source>
        <translation>Monat zuerst (12/31/2026)</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Daten:</translation>
    </message>
    <message>
        <source>Unix times as numbers (1733047200)</source>
        <translation>Unix-Zeiten als Zahlen (1733047200)</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportRunPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>All or nothing: if anything fails, the project stays as it was.</source>
        <translation>Alles oder nichts: Wenn etwas fehlschlägt, bleibt das Projekt, wie es war.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n series (%1 points, %2 labels) into %3.</source>
        <translation>
            <numerusform>%n Reihe (%L1 Punkte, %L2 Kennzeichnungen) in %3 importiert.</numerusform>
            <numerusform>%n Reihen (%L1 Punkte, %L2 Kennzeichnungen) in %3 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import failed.</source>
        <translation>Der Import ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Go back to change the files or the columns.</source>
        <translation>Gehen Sie zurück, um die Dateien oder die Spalten zu ändern.</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was imported; the project is unchanged.</source>
        <translation>Import abgebrochen. Es wurde nichts importiert; das Projekt ist unverändert.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportWizard</name>
    <message>
        <source>Detect automatically</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <source>CSV / delimited text</source>
        <translation>CSV / Text mit Trennzeichen</translation>
    </message>
    <message>
        <source>Yahoo S5</source>
        <translation>Yahoo S5</translation>
    </message>
    <message>
        <source>SMD (server machine dataset)</source>
        <translation>SMD (Server Machine Dataset)</translation>
    </message>
    <message>
        <source>NAB</source>
        <translation>NAB</translation>
    </message>
    <message>
        <source>UCR anomaly archive</source>
        <translation>UCR-Anomaliearchiv</translation>
    </message>
    <message>
        <source>%1: cannot read it (%2)</source>
        <translation>%1: kann nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
</context>
<context>
    <name>vigil::ui::JobWorker</name>
    <message>
        <source>Internal error: %1</source>
        <translation>Interner Fehler: %1</translation>
    </message>
</context>
<context>
    <name>vigil::ui::LabelCommand</name>
    <message>
        <source>row %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>rows %1–%2</source>
        <translation>Zeilen %1–%2</translation>
    </message>
    <message>
        <source>Could not save the label: %1</source>
        <translation>Die Kennzeichnung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not redo “%1”: %2</source>
        <translation>„%1“ konnte nicht wiederholt werden: %2</translation>
    </message>
    <message>
        <source>the project has nothing to redo</source>
        <translation>im Projekt gibt es nichts zu wiederholen</translation>
    </message>
    <message>
        <source>Could not undo “%1”: %2</source>
        <translation>„%1“ konnte nicht rückgängig gemacht werden: %2</translation>
    </message>
    <message>
        <source>the project has nothing to undo</source>
        <translation>im Projekt gibt es nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Label %1 as %2</source>
        <translation>%1 als %2 kennzeichnen</translation>
    </message>
    <message>
        <source>Erase labels of %1</source>
        <translation>Kennzeichnungen von %1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>%n Vorschlag annehmen</numerusform>
            <numerusform>%n Vorschläge annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>%n Vorschlag verwerfen</numerusform>
            <numerusform>%n Vorschläge verwerfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the query&apos;s status: %1</source>
        <translation>Der Status der Abfrage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Update suggestions (%n suggestion(s))</source>
        <translation>
            <numerusform>Vorschläge aktualisieren (%n Vorschlag)</numerusform>
            <numerusform>Vorschläge aktualisieren (%n Vorschläge)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Propagate labels (%n suggestion(s))</source>
        <translation>
            <numerusform>Kennzeichnungen übertragen (%n Vorschlag)</numerusform>
            <numerusform>Kennzeichnungen übertragen (%n Vorschläge)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::LabelStyle</name>
    <message>
        <source>anomaly</source>
        <translation>Anomalie</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
</context>
<context>
    <name>vigil::ui::LaunchArguments</name>
    <message>
        <source>Give at most one project (%1 and %2 were given).</source>
        <translation>Geben Sie höchstens ein Projekt an (angegeben wurden %1 und %2).</translation>
    </message>
</context>
<context>
    <name>vigil::ui::MainWindow</name>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Chart</source>
        <translation>Dia&amp;gramm</translation>
    </message>
    <message>
        <source>Label &amp;class</source>
        <translation>K&amp;lasse</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Retrain now</source>
        <translation>&amp;Jetzt neu trainieren</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>Training a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Refresh &amp;queue</source>
        <translation>&amp;Warteschlange aktualisieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>%1 – Vigil</source>
        <translation>%1 – Vigil</translation>
    </message>
    <message>
        <source>model v%1</source>
        <translation>Modell v%1</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>noch nicht trainiert</translation>
    </message>
    <message>
        <source>LLM: %1</source>
        <translation>LLM: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Label mode&lt;/b&gt; · %1 %2 %3 · Shift+drag erases</source>
        <translation>&lt;b&gt;Kennzeichnungsmodus&lt;/b&gt; · %1 %2 %3 · Umschalt+Ziehen löscht</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
    <message>
        <source>%1 · saved</source>
        <translation>%1 · gespeichert</translation>
    </message>
    <message>
        <source>built-in (no LLM)</source>
        <translation>integriert, ohne LLM</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n series · %1 labelled points · %2 anomalous</source>
        <translation>
            <numerusform>%n Reihe · %L1 gekennzeichnete Punkte · %L2 anomal</numerusform>
            <numerusform>%n Reihen · %L1 gekennzeichnete Punkte · %L2 anomal</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ask for a &amp;potential function</source>
        <translation>&amp;Potenzialfunktion anfordern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Vigil</source>
        <translation>Ü&amp;ber Vigil</translation>
    </message>
    <message>
        <source>About Vigil</source>
        <translation>Über Vigil</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Vigil %1&lt;/h3&gt;&lt;p&gt;Label and detect anomalies in time series: an active-learning detector that asks about the windows it is least sure of, explains its scores, and keeps every label in the project file.&lt;/p&gt;&lt;p&gt;Press %2 for the keyboard shortcuts.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Vigil %1&lt;/h3&gt;&lt;p&gt;Anomalien in Zeitreihen kennzeichnen und erkennen: ein Detektor mit aktivem Lernen, der nach den Fenstern fragt, bei denen er am unsichersten ist, seine Anomaliewerte erklärt und jede Kennzeichnung in der Projektdatei aufbewahrt.&lt;/p&gt;&lt;p&gt;Drücken Sie %2, um die Tastenkürzel zu sehen.&lt;/p&gt;&lt;p&gt;MIT-Lizenz.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explore mode · %1 to label with %2 %3 %4</source>
        <translation>Erkundungsmodus · %1 zum Kennzeichnen mit %2 %3 %4</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Neues Projekt…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Zuletzt &amp;geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import data…</source>
        <translation>Daten &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Vigil projects (*.vigil)</source>
        <translation>Vigil-Projekte (*.vigil)</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name, or open it with File ▸ Open project.</source>
        <translation>%1 existiert bereits. Wählen Sie einen anderen Namen oder öffnen Sie es mit Datei ▸ Projekt öffnen.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Vigil projects (*.vigil);;All files (*)</source>
        <translation>Vigil-Projekte (*.vigil);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
    <message>
        <source>Imported data goes into a project, and none is open. Create a new project?</source>
        <translation>Importierte Daten kommen in ein Projekt, aber es ist keines geöffnet. Ein neues Projekt anlegen?</translation>
    </message>
    <message>
        <source>Open a project to export its data.</source>
        <translation>Öffnen Sie ein Projekt, um seine Daten zu exportieren.</translation>
    </message>
    <message>
        <source>Propa&amp;gate labels</source>
        <translation>Kennzeichnungen &amp;übertragen</translation>
    </message>
    <message>
        <source>Export re&amp;port…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Open a project to write its report.</source>
        <translation>Ein Projekt öffnen, um seinen Bericht zu schreiben.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Writing the report: %1 % (%2)</source>
        <translation>Bericht wird geschrieben: %1 % (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Report written to %1 with %n plot(s)</source>
        <translation>
            <numerusform>Bericht mit %n Diagramm nach %1 geschrieben</numerusform>
            <numerusform>Bericht mit %n Diagrammen nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>The report was not written: %1</source>
        <translation>Der Bericht wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>A report is being written already.</source>
        <translation>Es wird bereits ein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>Markdown with SVG plots (*.md)</source>
        <translation>Markdown mit SVG-Diagrammen (*.md)</translation>
    </message>
    <message>
        <source>HTML page (*.html)</source>
        <translation>HTML-Seite (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht nach %1 geschrieben</translation>
    </message>
    <message>
        <source>%1 · last edit not saved</source>
        <translation>%1 · letzte Änderung nicht gespeichert</translation>
    </message>
    <message>
        <source>&amp;Rename the current class…</source>
        <translation>Aktuelle Klasse &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Class %1 keeps its name: %2</source>
        <translation>Klasse %1 behält ihren Namen: %2</translation>
    </message>
    <message>
        <source>Rename class %1</source>
        <translation>Klasse %1 umbenennen</translation>
    </message>
    <message>
        <source>Name of class %1 in this project (empty: the default name):</source>
        <translation>Name der Klasse %1 in diesem Projekt (leer: der Standardname):</translation>
    </message>
    <message>
        <source>Cancel report</source>
        <translation>Bericht abbrechen</translation>
    </message>
    <message>
        <source>Report cancelled; nothing was written.</source>
        <translation>Bericht abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The undo history could not be read: %1</source>
        <translation>Der Rückgängig-Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (read-only) – Vigil</source>
        <translation>%1 (schreibgeschützt) – Vigil</translation>
    </message>
    <message>
        <source>%1 · read-only</source>
        <translation>%1 · schreibgeschützt</translation>
    </message>
    <message>
        <source>The project&apos;s file or folder cannot be written: it can be viewed and exported, not edited.</source>
        <translation>Datei oder Ordner des Projekts sind nicht beschreibbar: Es kann angesehen und exportiert, aber nicht bearbeitet werden.</translation>
    </message>
    <message>
        <source>Save a &amp;copy as…</source>
        <translation>&amp;Kopie speichern unter …</translation>
    </message>
    <message>
        <source>Open a project to save a copy of it.</source>
        <translation>Öffnen Sie ein Projekt, um eine Kopie davon zu speichern.</translation>
    </message>
    <message>
        <source>A copy is being saved already.</source>
        <translation>Es wird bereits eine Kopie gespeichert.</translation>
    </message>
    <message>
        <source>Save a copy of the project</source>
        <translation>Kopie des Projekts speichern</translation>
    </message>
    <message>
        <source>-copy</source>
        <translation>-Kopie</translation>
    </message>
    <message>
        <source>%1 already exists; a copy never replaces a file. Choose another name.</source>
        <translation>%1 existiert bereits; eine Kopie ersetzt nie eine Datei. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Kopie speichern</translation>
    </message>
    <message>
        <source>Cancel copy</source>
        <translation>Kopieren abbrechen</translation>
    </message>
    <message>
        <source>Copy cancelled; nothing was written.</source>
        <translation>Kopieren abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Saving a copy of the project: %1 %</source>
        <translation>Kopie des Projekts wird gespeichert: %1 %</translation>
    </message>
    <message>
        <source>A copy was saved to %1; you are still working in %2.</source>
        <translation>Eine Kopie wurde unter %1 gespeichert; Sie arbeiten weiter in %2.</translation>
    </message>
    <message>
        <source>The copy was not saved: %1</source>
        <translation>Die Kopie wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>vigil::ui::OverviewStrip</name>
    <message>
        <source>Whole series: drag the window to pan, its edges to zoom</source>
        <translation>Ganze Reihe: Ausschnitt ziehen zum Verschieben, seine Ränder ziehen zum Zoomen</translation>
    </message>
</context>
<context>
    <name>vigil::ui::QueryTableModel</name>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>viewed</source>
        <translation>angesehen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>labelled</source>
        <translation>gekennzeichnet</translation>
    </message>
    <message>
        <source>series %1</source>
        <translation>Reihe %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>How strongly the query strategy asks for this window: higher is asked first. A ranking, not a probability (the residual strategies rank by σ).</source>
        <translation>Wie dringend die Anfragestrategie nach diesem Fenster fragt: Höhere Werte kommen zuerst. Eine Rangfolge, keine Wahrscheinlichkeit (die Residuum-Strategien ordnen nach σ).</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>%1 (rows %2)</source>
        <translation>%1 (Zeilen %2)</translation>
    </message>
</context>
<context>
    <name>vigil::ui::QueueDock</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Refresh queue</source>
        <translation>Warteschlange aktualisieren</translation>
    </message>
    <message>
        <source>Pick the next windows to label (on a background thread)</source>
        <translation>Die nächsten zu kennzeichnenden Fenster auswählen (im Hintergrund)</translation>
    </message>
    <message>
        <source>Mark query &amp;anomalous</source>
        <translation>Anfrage als &amp;anomal kennzeichnen</translation>
    </message>
    <message>
        <source>Mark query &amp;normal</source>
        <translation>Anfrage als &amp;normal kennzeichnen</translation>
    </message>
    <message>
        <source>&amp;Skip query</source>
        <translation>Anfrage &amp;überspringen</translation>
    </message>
    <message>
        <source>Next query</source>
        <translation>Nächste Anfrage</translation>
    </message>
    <message>
        <source>Previous query</source>
        <translation>Vorherige Anfrage</translation>
    </message>
    <message>
        <source>Computing queries…</source>
        <translation>Anfragen werden berechnet …</translation>
    </message>
    <message>
        <source>Could not compute queries: %1</source>
        <translation>Die Anfragen konnten nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>No queries yet: press &quot;Refresh queue&quot;.</source>
        <translation>Noch keine Anfragen: „Warteschlange aktualisieren“ drücken.</translation>
    </message>
    <message>
        <source>%1 anomaly · %2 normal · %3 skip · %4 next · %5 previous</source>
        <translation>%1 Anomalie · %2 normal · %3 überspringen · %4 nächste · %5 vorherige</translation>
    </message>
    <message>
        <source>A&amp;ccept suggestions in the window</source>
        <translation>Vorschläge im Fenster &amp;annehmen</translation>
    </message>
    <message>
        <source>&amp;Reject suggestions in the window</source>
        <translation>Vorschläge im Fenster a&amp;blehnen</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) in this window.</source>
        <translation>
            <numerusform>%n Vorschlag in diesem Fenster angenommen.</numerusform>
            <numerusform>%n Vorschläge in diesem Fenster angenommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s) in this window.</source>
        <translation>
            <numerusform>%n Vorschlag in diesem Fenster abgelehnt.</numerusform>
            <numerusform>%n Vorschläge in diesem Fenster abgelehnt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestion to decide in this window (Model → Propagate labels, %1, makes suggestions).</source>
        <translation>Kein Vorschlag in diesem Fenster (Modell → Kennzeichnungen übertragen, %1, erzeugt Vorschläge).</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop computing queries; the queue stays as it was</source>
        <translation>Die Berechnung der Anfragen abbrechen; die Warteschlange bleibt, wie sie war</translation>
    </message>
    <message>
        <source>Cancelled; the queue is as it was.</source>
        <translation>Abgebrochen; die Warteschlange ist, wie sie war.</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>starte…</translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation>lese %1</translation>
    </message>
    <message>
        <source>choosing queries in %1</source>
        <translation>wähle Anfragen in %1</translation>
    </message>
    <message>
        <source>opening the project</source>
        <translation>öffne das Projekt</translation>
    </message>
    <message>
        <source>storing the queue</source>
        <translation>speichere die Warteschlange</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>This is the queue&apos;s best open query. Press the key again to answer it.</source>
        <translation>Dies ist die beste offene Anfrage der Warteschlange. Drücken Sie die Taste erneut, um sie zu beantworten.</translation>
    </message>
    <message>
        <source>Queries to answer</source>
        <translation>Zu beantwortende Anfragen</translation>
    </message>
    <message>
        <source>This query is answered; %1 undoes the answer.</source>
        <translation>Diese Anfrage ist beantwortet; %1 macht die Antwort rückgängig.</translation>
    </message>
    <message>
        <source>Every query is answered. Retrain (%1) or press &quot;Refresh queue&quot; for new ones.</source>
        <translation>Jede Anfrage ist beantwortet. Trainieren Sie neu (%1) oder drücken Sie „Warteschlange aktualisieren“ für neue.</translation>
    </message>
    <message>
        <source>No series yet: import data (File, Import data…, Ctrl+I) to get queries.</source>
        <translation>Noch keine Reihen: Daten importieren (Datei, Daten importieren…, Strg+I), um Anfragen zu erhalten.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
</context>
<context>
    <name>vigil::ui::Screenshot</name>
    <message>
        <source>vigil: cannot write %1</source>
        <translation>vigil: %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>vigil: --size must be WxH, from 200x150 to 8000x8000, got %1</source>
        <translation>vigil: --size muss BxH sein, von 200x150 bis 8000x8000, nicht %1</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SeriesChart</name>
    <message>
        <source>anomaly score</source>
        <translation>Anomaliewert</translation>
    </message>
    <message>
        <source>&amp;Label mode</source>
        <translation>&amp;Kennzeichnungsmodus</translation>
    </message>
    <message>
        <source>&amp;Explore mode</source>
        <translation>&amp;Erkundungsmodus</translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>Klasse %1: %2</translation>
    </message>
    <message>
        <source>&amp;Fit all</source>
        <translation>&amp;Alles einpassen</translation>
    </message>
    <message>
        <source>Pan left</source>
        <translation>Nach links verschieben</translation>
    </message>
    <message>
        <source>Pan right</source>
        <translation>Nach rechts verschieben</translation>
    </message>
    <message>
        <source>Pan left (big step)</source>
        <translation>Nach links verschieben (großer Schritt)</translation>
    </message>
    <message>
        <source>Pan right (big step)</source>
        <translation>Nach rechts verschieben (großer Schritt)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in (big step)</source>
        <translation>Vergrößern (großer Schritt)</translation>
    </message>
    <message>
        <source>Zoom out (big step)</source>
        <translation>Verkleinern (großer Schritt)</translation>
    </message>
    <message>
        <source>score (model v%1)</source>
        <translation>Anomaliewert (Modell v%1)</translation>
    </message>
    <message>
        <source>Label the visible range</source>
        <translation>Sichtbaren Bereich kennzeichnen</translation>
    </message>
    <message>
        <source>Erase the labels of the visible range</source>
        <translation>Kennzeichnungen im sichtbaren Bereich löschen</translation>
    </message>
    <message>
        <source>Series chart</source>
        <translation>Diagramm der Reihe</translation>
    </message>
    <message>
        <source>The shown series with its anomaly score and labels. Arrow keys pan and zoom, Enter labels the visible range, Delete erases its labels.</source>
        <translation>Die angezeigte Reihe mit Anomaliewert und Kennzeichnungen. Pfeiltasten verschieben und zoomen, Eingabe kennzeichnet den sichtbaren Bereich, Entf löscht dessen Kennzeichnungen.</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SeriesDock</name>
    <message>
        <source>Series</source>
        <translation>Zeitreihen</translation>
    </message>
    <message>
        <source>Search series and channels</source>
        <translation>Reihen und Kanäle suchen</translation>
    </message>
    <message>
        <source>Series and channels</source>
        <translation>Reihen und Kanäle</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SeriesTreeModel</name>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message numerus="yes">
        <source>%n anomaly range(s) found by model v%1</source>
        <translation>
            <numerusform>%n Anomaliebereich von Modell v%1 gefunden</numerusform>
            <numerusform>%n Anomaliebereiche von Modell v%1 gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>not scored by model v%1 (added after it was trained)</source>
        <translation>nicht von Modell v%1 bewertet (nach dessen Training hinzugefügt)</translation>
    </message>
    <message>
        <source>not scored: no model trained yet</source>
        <translation>nicht bewertet: noch kein Modell trainiert</translation>
    </message>
    <message numerus="yes">
        <source>%1
%2 points · %n channel(s) · %3% labelled (%4 anomalous points)
%5</source>
        <translation>
            <numerusform>%1
%2 Punkte · %n Kanal · %3 % gekennzeichnet (%4 anomale Punkte)
%5</numerusform>
            <numerusform>%1
%2 Punkte · %n Kanäle · %3 % gekennzeichnet (%4 anomale Punkte)
%5</numerusform>
        </translation>
    </message>
    <message>
        <source>Channel %1 of %2: check to draw it on the chart</source>
        <translation>Kanal %1 von %2: ankreuzen, um ihn im Diagramm zu zeichnen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Ch.</source>
        <translation>Kan.</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Gekennz.</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>Series, and the channels of a multivariate series (check to draw)</source>
        <translation>Reihe und die Kanäle einer multivariaten Reihe (ankreuzen zum Zeichnen)</translation>
    </message>
    <message>
        <source>Number of points</source>
        <translation>Anzahl der Punkte</translation>
    </message>
    <message>
        <source>Number of channels</source>
        <translation>Anzahl der Kanäle</translation>
    </message>
    <message>
        <source>Share of points inside a label</source>
        <translation>Anteil der Punkte in einer Kennzeichnung</translation>
    </message>
    <message>
        <source>Anomaly ranges the newest model found (– when it did not score the series)</source>
        <translation>Anomaliebereiche, die das neueste Modell gefunden hat (–, wenn es die Reihe nicht bewertet hat)</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;LLM</source>
        <translation>&amp;LLM</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Darstellung</translation>
    </message>
    <message>
        <source>OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM, LM Studio, …)</source>
        <translation>OpenAI-kompatibler Endpunkt (Ollama, llama.cpp, vLLM, LM Studio, …)</translation>
    </message>
    <message>
        <source>replay (answers from this project&apos;s cache only)</source>
        <translation>Wiedergabe (Antworten nur aus dem Cache dieses Projekts)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>the server&apos;s default</source>
        <translation>Standard des Servers</translation>
    </message>
    <message>
        <source>&amp;Refresh models</source>
        <translation>Modelle a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>List the models the server offers (GET /models)</source>
        <translation>Die vom Server angebotenen Modelle auflisten (GET /models)</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long to wait for each reply</source>
        <translation>Wie lange auf jede Antwort gewartet wird</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Ask the server for its models, in the background</source>
        <translation>Den Server im Hintergrund nach seinen Modellen fragen</translation>
    </message>
    <message>
        <source>set by the environment</source>
        <translation>durch die Umgebung gesetzt</translation>
    </message>
    <message>
        <source>The environment variable VIGIL_LLM_API_KEY is set and is used instead of this field.</source>
        <translation>Die Umgebungsvariable VIGIL_LLM_API_KEY ist gesetzt und wird anstelle dieses Felds verwendet.</translation>
    </message>
    <message>
        <source>none (local servers need none)</source>
        <translation>keiner (lokale Server brauchen keinen)</translation>
    </message>
    <message>
        <source>Kept in your user settings on this computer, never in the project file. VIGIL_LLM_API_KEY, when set, overrides it.</source>
        <translation>Wird in Ihren Benutzereinstellungen auf diesem Computer gespeichert, nie in der Projektdatei. VIGIL_LLM_API_KEY hat Vorrang, wenn gesetzt.</translation>
    </message>
    <message>
        <source>No project is open. The provider, URL and model are kept in each project: open one to change them.</source>
        <translation>Kein Projekt geöffnet. Anbieter, URL und Modell werden in jedem Projekt gespeichert: Öffnen Sie eines, um sie zu ändern.</translation>
    </message>
    <message>
        <source>Offline and deterministic: writes potentials from the series&apos; statistics and your labels. Needs no model.</source>
        <translation>Offline und deterministisch: schreibt Potenziale aus den Statistiken der Reihen und Ihren Kennzeichnungen. Braucht kein Modell.</translation>
    </message>
    <message>
        <source>Answers only from the replies stored in this project, e.g. to review it on a machine without a model. The model name, when given, narrows the lookup.</source>
        <translation>Antwortet nur mit den in diesem Projekt gespeicherten Antworten, z. B. um es auf einem Rechner ohne Modell zu prüfen. Ein angegebener Modellname schränkt die Suche ein.</translation>
    </message>
    <message>
        <source>Any server that speaks the OpenAI chat-completions API: Ollama, llama.cpp&apos;s llama-server, vLLM, LM Studio, or a hosted service.</source>
        <translation>Jeder Server, der die OpenAI-Chat-Completions-API spricht: Ollama, llama-server aus llama.cpp, vLLM, LM Studio oder ein gehosteter Dienst.</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>%1 wird nach seinen Modellen gefragt …</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Models found: %1.</source>
        <translation>Gefundene Modelle: %L1.</translation>
    </message>
    <message>
        <source>Connected in %1 ms. Models found: %2.</source>
        <translation>Verbunden in %L1 ms. Gefundene Modelle: %L2.</translation>
    </message>
    <message>
        <source>The model “%1” is not among them.</source>
        <translation>Das Modell „%1“ ist nicht darunter.</translation>
    </message>
    <message>
        <source>Double-click a key (or select it and press F2), then press the new key. Escape cancels. Keys of the queue, the detections and the chart&apos;s arrows only act while that part has the focus, so they may share a key.</source>
        <translation>Doppelklicken Sie auf eine Taste (oder wählen Sie sie aus und drücken Sie F2) und drücken Sie dann die neue Taste. Esc bricht ab. Die Tasten der Warteschlange, der Erkennungen und die Pfeiltasten des Diagramms wirken nur, solange dieser Bereich den Fokus hat; sie dürfen sich daher eine Taste teilen.</translation>
    </message>
    <message>
        <source>&amp;Default key</source>
        <translation>&amp;Standardtaste</translation>
    </message>
    <message>
        <source>Give the selected action its default key</source>
        <translation>Der ausgewählten Aktion ihre Standardtaste zuweisen</translation>
    </message>
    <message>
        <source>&amp;No key</source>
        <translation>&amp;Keine Taste</translation>
    </message>
    <message>
        <source>Remove the selected action&apos;s key</source>
        <translation>Die Taste der ausgewählten Aktion entfernen</translation>
    </message>
    <message>
        <source>Restore &amp;all defaults</source>
        <translation>&amp;Alle Standardwerte wiederherstellen</translation>
    </message>
    <message>
        <source>Conflicts (give one of each pair another key):</source>
        <translation>Konflikte (weisen Sie jeweils einer Aktion des Paars eine andere Taste zu):</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language takes effect when Vigil starts again.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von Vigil wirksam.</translation>
    </message>
    <message>
        <source>&amp;Colour-blind-safe palette</source>
        <translation>Für Farbenblinde geeignete &amp;Palette</translation>
    </message>
    <message>
        <source>Channels, label classes and the anomaly score in colours that stay distinct with protanopia, deuteranopia and tritanopia (Okabe–Ito and Tol colours; the score in black). Applied to the charts at once.</source>
        <translation>Kanäle, Kennzeichnungsklassen und Anomaliewert in Farben, die bei Protanopie, Deuteranopie und Tritanopie unterscheidbar bleiben (Farben nach Okabe–Ito und Tol; der Anomaliewert in Schwarz). Wird sofort auf die Diagramme angewendet.</translation>
    </message>
    <message>
        <source>Some keys clash; give one of each pair another key.</source>
        <translation>Einige Tasten kollidieren; weisen Sie jeweils einer Aktion des Paars eine andere Taste zu.</translation>
    </message>
    <message>
        <source>The base URL must be an http:// or https:// address, e.g. %1.</source>
        <translation>Die Basis-URL muss eine http://- oder https://-Adresse sein, z. B. %1.</translation>
    </message>
    <message>
        <source>Could not save the LLM settings in the project: %1</source>
        <translation>Die LLM-Einstellungen konnten nicht im Projekt gespeichert werden: %1</translation>
    </message>
    <message>
        <source>built-in (no LLM)</source>
        <translation>integriert, ohne LLM</translation>
    </message>
    <message>
        <source>The base URL %1 is not a valid address: check the host name and the port (1–65535).</source>
        <translation>Die Basis-URL %1 ist keine gültige Adresse: Prüfen Sie den Hostnamen und den Port (1–65535).</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ShortcutModel</name>
    <message>
        <source>%1 would trigger both “%2” and “%3”.</source>
        <translation>%1 würde sowohl „%2“ als auch „%3“ auslösen.</translation>
    </message>
    <message>
        <source>Conflict: %1 also triggers %2</source>
        <translation>Konflikt: %1 löst auch %2 aus</translation>
    </message>
    <message>
        <source>Double-click, then press the new key</source>
        <translation>Doppelklicken, dann die neue Taste drücken</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>%1 is needed by the lists, fields and menus (Space ticks and presses, Tab moves on, Escape closes, Alt with a letter opens a menu), so “%2” cannot have it.</source>
        <translation>%1 wird von Listen, Feldern und Menüs gebraucht (Leertaste kreuzt an und drückt, Tab geht weiter, Escape schließt, Alt mit einem Buchstaben öffnet ein Menü), daher kann „%2“ sie nicht bekommen.</translation>
    </message>
    <message>
        <source>%1 is needed by the lists, fields and menus; choose another key</source>
        <translation>%1 wird von Listen, Feldern und Menüs gebraucht; wählen Sie eine andere Taste</translation>
    </message>
</context>
<context>
    <name>vigil::ui::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Find an action or a key</source>
        <translation>Aktion oder Taste suchen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Change &amp;keys…</source>
        <translation>&amp;Tastenkürzel ändern…</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>Maus</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <source>Zoom time at the cursor (over an axis: that axis only)</source>
        <translation>Zeitachse am Mauszeiger zoomen (über einer Achse: nur diese Achse)</translation>
    </message>
    <message>
        <source>Middle-drag, Ctrl+drag</source>
        <translation>Mit mittlerer Taste ziehen, Strg+Ziehen</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>Ziehen</translation>
    </message>
    <message>
        <source>Label mode: label the range; Explore mode: zoom to it</source>
        <translation>Kennzeichnungsmodus: Bereich kennzeichnen; Erkundungsmodus: auf ihn zoomen</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Klicken</translation>
    </message>
    <message>
        <source>Label mode: label one point; Explore mode: explain that point</source>
        <translation>Kennzeichnungsmodus: einen Punkt kennzeichnen; Erkundungsmodus: diesen Punkt erklären</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Umschalt+Ziehen</translation>
    </message>
    <message>
        <source>Label mode: erase labels in the range</source>
        <translation>Kennzeichnungsmodus: Kennzeichnungen im Bereich löschen</translation>
    </message>
</context>
<context>
    <name>vigil::ui::Shortcuts</name>
    <message>
        <source>Modes and classes</source>
        <translation>Modi und Klassen</translation>
    </message>
    <message>
        <source>Label mode (drag labels, Shift+drag erases)</source>
        <translation>Kennzeichnungsmodus (Ziehen kennzeichnet, Umschalt+Ziehen löscht)</translation>
    </message>
    <message>
        <source>Explore mode (drag zooms, click explains)</source>
        <translation>Erkundungsmodus (Ziehen zoomt, Klicken erklärt)</translation>
    </message>
    <message>
        <source>Label class %1</source>
        <translation>Kennzeichnungsklasse %1</translation>
    </message>
    <message>
        <source>Label class 1 (anomaly)</source>
        <translation>Kennzeichnungsklasse 1 (Anomalie)</translation>
    </message>
    <message>
        <source>Label class 2 (normal)</source>
        <translation>Kennzeichnungsklasse 2 (normal)</translation>
    </message>
    <message>
        <source>Chart navigation</source>
        <translation>Navigation im Diagramm</translation>
    </message>
    <message>
        <source>Fit the whole series</source>
        <translation>Ganze Reihe einpassen</translation>
    </message>
    <message>
        <source>Pan left</source>
        <translation>Nach links verschieben</translation>
    </message>
    <message>
        <source>Pan right</source>
        <translation>Nach rechts verschieben</translation>
    </message>
    <message>
        <source>Pan left (big step)</source>
        <translation>Nach links verschieben (großer Schritt)</translation>
    </message>
    <message>
        <source>Pan right (big step)</source>
        <translation>Nach rechts verschieben (großer Schritt)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in (big step)</source>
        <translation>Vergrößern (großer Schritt)</translation>
    </message>
    <message>
        <source>Zoom out (big step)</source>
        <translation>Verkleinern (großer Schritt)</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Mark the query anomalous</source>
        <translation>Anfrage als anomal kennzeichnen</translation>
    </message>
    <message>
        <source>Mark the query normal</source>
        <translation>Anfrage als normal kennzeichnen</translation>
    </message>
    <message>
        <source>Skip the query</source>
        <translation>Anfrage überspringen</translation>
    </message>
    <message>
        <source>Next query</source>
        <translation>Nächste Anfrage</translation>
    </message>
    <message>
        <source>Previous query</source>
        <translation>Vorherige Anfrage</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>Erkennungen</translation>
    </message>
    <message>
        <source>Confirm the detection as an anomaly</source>
        <translation>Erkennung als Anomalie bestätigen</translation>
    </message>
    <message>
        <source>Reject the detection as normal</source>
        <translation>Erkennung als normal verwerfen</translation>
    </message>
    <message>
        <source>Next detection</source>
        <translation>Nächste Erkennung</translation>
    </message>
    <message>
        <source>Previous detection</source>
        <translation>Vorherige Erkennung</translation>
    </message>
    <message>
        <source>Editing and model</source>
        <translation>Bearbeiten und Modell</translation>
    </message>
    <message>
        <source>Undo the last label change</source>
        <translation>Letzte Änderung der Kennzeichnung rückgängig machen</translation>
    </message>
    <message>
        <source>Redo the label change</source>
        <translation>Änderung der Kennzeichnung wiederholen</translation>
    </message>
    <message>
        <source>Retrain now</source>
        <translation>Jetzt neu trainieren</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Import data</source>
        <translation>Daten importieren</translation>
    </message>
    <message>
        <source>Export labelled data</source>
        <translation>Gekennzeichnete Daten exportieren</translation>
    </message>
    <message>
        <source>Quit Vigil</source>
        <translation>Vigil beenden</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Show the keyboard shortcuts</source>
        <translation>Tastenkürzel anzeigen</translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Accept the selected suggestions</source>
        <translation>Ausgewählte Vorschläge annehmen</translation>
    </message>
    <message>
        <source>Reject the selected suggestions</source>
        <translation>Ausgewählte Vorschläge verwerfen</translation>
    </message>
    <message>
        <source>Propagate labels into suggestions</source>
        <translation>Kennzeichnungen als Vorschläge übertragen</translation>
    </message>
    <message>
        <source>Label the visible range with the current class</source>
        <translation>Sichtbaren Bereich mit der aktuellen Klasse kennzeichnen</translation>
    </message>
    <message>
        <source>Erase the labels of the visible range</source>
        <translation>Kennzeichnungen im sichtbaren Bereich löschen</translation>
    </message>
    <message>
        <source>Accept the suggested labels in the query&apos;s window</source>
        <translation>Die vorgeschlagenen Kennzeichnungen im Fenster der Anfrage annehmen</translation>
    </message>
    <message>
        <source>Reject the suggested labels in the query&apos;s window</source>
        <translation>Die vorgeschlagenen Kennzeichnungen im Fenster der Anfrage ablehnen</translation>
    </message>
    <message>
        <source>Save a copy of the project</source>
        <translation>Kopie des Projekts speichern</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SuggestionTableModel</name>
    <message>
        <source>series %1</source>
        <translation>Reihe %1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message numerus="yes">
        <source>Suggested %1 over %n point(s), confidence %2 (not an expert label until accepted)</source>
        <translation>
            <numerusform>Vorgeschlagen: %1 über %n Punkt, Konfidenz %2 (keine Expertenkennzeichnung, bis er angenommen wird)</numerusform>
            <numerusform>Vorgeschlagen: %1 über %n Punkte, Konfidenz %2 (keine Expertenkennzeichnung, bis er angenommen wird)</numerusform>
        </translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>%1; new since the previous model</source>
        <translation>%1; neu seit dem vorigen Modell</translation>
    </message>
    <message>
        <source>%1 (rows %2–%3)</source>
        <translation>%1 (Zeilen %2–%3)</translation>
    </message>
</context>
<context>
    <name>vigil::ui::SuggestionsDock</name>
    <message>
        <source>propagating %1</source>
        <translation>übertrage auf %1</translation>
    </message>
    <message>
        <source>opening the project</source>
        <translation>öffne das Projekt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Propagate labels</source>
        <translation>Kennzeichnungen übertragen</translation>
    </message>
    <message>
        <source>Spread your labels to similar windows as suggestions (on a background thread)</source>
        <translation>Ihre Kennzeichnungen als Vorschläge auf ähnliche Fenster übertragen (in einem Hintergrund-Thread)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Accept all above confidence…</source>
        <translation>Alle ab einer Konfidenz annehmen…</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Vorschlag annehmen</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>Vorschlag verwerfen</translation>
    </message>
    <message>
        <source>Could not propagate the labels: %1</source>
        <translation>Die Kennzeichnungen konnten nicht übertragen werden: %1</translation>
    </message>
    <message>
        <source>Propagation cancelled; the suggestions are as they were.</source>
        <translation>Übertragung abgebrochen; die Vorschläge sind unverändert.</translation>
    </message>
    <message>
        <source>Suggestions are spread from your labels to similar windows and drawn dashed on the chart. They are never expert labels: they do not count as ground truth and train the model only from confidence %1. Accept one to make it your own label.</source>
        <translation>Vorschläge werden von Ihren Kennzeichnungen auf ähnliche Fenster übertragen und im Diagramm gestrichelt gezeichnet. Sie sind nie Expertenkennzeichnungen: Sie zählen nicht als Ground Truth und trainieren das Modell erst ab einer Konfidenz von %1. Nehmen Sie einen an, um ihn zu Ihrer eigenen Kennzeichnung zu machen.</translation>
    </message>
    <message>
        <source>%1 accept · %2 reject · %3 propagate · %4 undo</source>
        <translation>%1 annehmen · %2 verwerfen · %3 übertragen · %4 rückgängig</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>starte…</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>No suggestions. Label a few windows of both classes (anomaly and normal), then press &quot;Propagate labels&quot; (%1).</source>
        <translation>Keine Vorschläge. Kennzeichnen Sie einige Fenster beider Klassen (Anomalie und normal) und drücken Sie dann „Kennzeichnungen übertragen“ (%1).</translation>
    </message>
    <message>
        <source>Propagating the labels…</source>
        <translation>Die Kennzeichnungen werden übertragen…</translation>
    </message>
    <message>
        <source>The labels changed while propagating; propagating again…</source>
        <translation>Die Kennzeichnungen haben sich während der Übertragung geändert; es wird erneut übertragen…</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) on %1 series: %2 anomalous and %3 normal points, confidence %4 to %5 (mean %6).</source>
        <translation>
            <numerusform>%n Vorschlag in %1 Reihe(n): %L2 anomale und %L3 normale Punkte, Konfidenz %4 bis %5 (Mittel %6).</numerusform>
            <numerusform>%n Vorschläge in %1 Reihe(n): %L2 anomale und %L3 normale Punkte, Konfidenz %4 bis %5 (Mittel %6).</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestions: nothing could be propagated.</source>
        <translation>Keine Vorschläge: Es konnte nichts übertragen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier suggestion(s) replaced.</source>
        <translation>
            <numerusform>%n früherer Vorschlag ersetzt.</numerusform>
            <numerusform>%n frühere Vorschläge ersetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Propagate labels (%n suggestion(s))</source>
        <translation>
            <numerusform>Kennzeichnungen übertragen (%n Vorschlag)</numerusform>
            <numerusform>Kennzeichnungen übertragen (%n Vorschläge)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) as your labels.</source>
        <translation>
            <numerusform>%n Vorschlag als Ihre Kennzeichnung angenommen.</numerusform>
            <numerusform>%n Vorschläge als Ihre Kennzeichnungen angenommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s).</source>
        <translation>
            <numerusform>%n Vorschlag verworfen.</numerusform>
            <numerusform>%n Vorschläge verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestion has a confidence of %1 or more.</source>
        <translation>Kein Vorschlag hat eine Konfidenz von %1 oder mehr.</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) with confidence %1 or more as one step (%2 undoes it).</source>
        <translation>
            <numerusform>%n Vorschlag mit Konfidenz ab %1 in einem Schritt angenommen (%2 macht es rückgängig).</numerusform>
            <numerusform>%n Vorschläge mit Konfidenz ab %1 in einem Schritt angenommen (%2 macht es rückgängig).</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>Vorschläge annehmen</translation>
    </message>
    <message>
        <source>Accept every suggestion with a confidence of at least:</source>
        <translation>Alle Vorschläge annehmen, deren Konfidenz mindestens so hoch ist:</translation>
    </message>
    <message>
        <source>kNN graph</source>
        <translation>kNN-Graph</translation>
    </message>
    <message>
        <source>Dense (paper)</source>
        <translation>Dicht (Paper)</translation>
    </message>
    <message>
        <source>Neighbours of each window in the kNN graph</source>
        <translation>Nachbarn jedes Fensters im kNN-Graphen</translation>
    </message>
    <message>
        <source>&amp;Neighbours</source>
        <translation>&amp;Nachbarn</translation>
    </message>
    <message>
        <source>Windows the spreading is less sure of get no suggestion (suggestions from %1 on also train the model)</source>
        <translation>Fenster, bei denen die Übertragung unsicherer ist, erhalten keinen Vorschlag (Vorschläge ab %1 trainieren auch das Modell)</translation>
    </message>
    <message>
        <source>Dense: the surest windows of each series that get a suggestion</source>
        <translation>Dicht: so viele der sichersten Fenster jeder Reihe erhalten einen Vorschlag</translation>
    </message>
    <message>
        <source>&amp;Per series</source>
        <translation>&amp;Pro Reihe</translation>
    </message>
    <message>
        <source>kNN graph: spreads over each window&apos;s nearest neighbours and scales to millions of points. Dense: the paper&apos;s RBF spreading over all window pairs, the surest windows of each series; memory grows with the square of a series&apos; length, so series longer than %1 windows are skipped</source>
        <translation>kNN-Graph: überträgt über die nächsten Nachbarn jedes Fensters und reicht für Millionen Punkte. Dicht: die RBF-Übertragung des Papers über alle Fensterpaare, die sichersten Fenster jeder Reihe; der Speicherbedarf wächst mit dem Quadrat der Reihenlänge, daher werden Reihen mit mehr als %1 Fenstern übersprungen</translation>
    </message>
    <message>
        <source>Updating the suggestions after retraining…</source>
        <translation>Die Vorschläge werden nach dem Neutraining aktualisiert…</translation>
    </message>
    <message>
        <source>The suggestions are up to date after retraining.</source>
        <translation>Die Vorschläge sind nach dem Neutraining auf dem neuesten Stand.</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) not suggested again: you turned their suggestion down.</source>
        <translation>
            <numerusform>%n Punkt wird nicht erneut vorgeschlagen: Sie haben seinen Vorschlag abgelehnt.</numerusform>
            <numerusform>%n Punkte werden nicht erneut vorgeschlagen: Sie haben ihren Vorschlag abgelehnt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Update suggestions (%n suggestion(s))</source>
        <translation>
            <numerusform>Vorschläge aktualisieren (%n Vorschlag)</numerusform>
            <numerusform>Vorschläge aktualisieren (%n Vorschläge)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggestions updated after retraining: %n new (in bold), %1 gone.</source>
        <translation>
            <numerusform>Vorschläge nach dem Neutraining aktualisiert: %n neuer (fett), %1 entfallen.</numerusform>
            <numerusform>Vorschläge nach dem Neutraining aktualisiert: %n neue (fett), %1 entfallen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Which suggestions the table lists; &quot;Accept all above confidence…&quot; accepts only those</source>
        <translation>Welche Vorschläge die Tabelle zeigt; „Alle ab einer Konfidenz annehmen…“ nimmt nur diese an</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>alle Klassen</translation>
    </message>
    <message>
        <source>The suggestions were not updated after retraining, so that you can still redo what you undid. Propagate (%1) when you are done.</source>
        <translation>Die Vorschläge wurden nach dem Neutraining nicht aktualisiert, damit Sie Rückgängiggemachtes noch wiederherstellen können. Übertragen Sie (%1), wenn Sie fertig sind.</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) kept as they were.</source>
        <translation>
            <numerusform>%n Vorschlag blieb unverändert.</numerusform>
            <numerusform>%n Vorschläge blieben unverändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Me&amp;thod</source>
        <translation>&amp;Verfahren</translation>
    </message>
    <message>
        <source>Lowest c&amp;onfidence</source>
        <translation>Mindest&amp;konfidenz</translation>
    </message>
</context>
<context>
    <name>vigil::ui::TrainingDock</name>
    <message>
        <source>opening the project</source>
        <translation>Projekt wird geöffnet</translation>
    </message>
    <message>
        <source>training the VAE</source>
        <translation>VAE wird trainiert</translation>
    </message>
    <message>
        <source>episode %1</source>
        <translation>Episode %1</translation>
    </message>
    <message>
        <source>calibrating</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>saving the model</source>
        <translation>Modell wird gespeichert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>episode</source>
        <translation>Episode</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>model version</source>
        <translation>Modellversion</translation>
    </message>
    <message>
        <source>F1 (in-sample)</source>
        <translation>F1 (Trainingsdaten)</translation>
    </message>
    <message>
        <source>Done in %1 s</source>
        <translation>Fertig nach %L1 s</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled; the previous model version stays in use.</source>
        <translation>Abgebrochen; die bisherige Modellversion bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>%1 · %2 s</source>
        <translation>%1 · %2 s</translation>
    </message>
    <message numerus="yes">
        <source>reward (%n ch)</source>
        <translation>
            <numerusform>Belohnung (%n Kanal)</numerusform>
            <numerusform>Belohnung (%n Kanäle)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>λ (%n ch)</source>
        <translation>
            <numerusform>λ (%n Kanal)</numerusform>
            <numerusform>λ (%n Kanäle)</numerusform>
        </translation>
    </message>
    <message>
        <source>Train a new model version on every series and label (%1)</source>
        <translation>Eine neue Modellversion mit allen Reihen und Kennzeichnungen trainieren (%1)</translation>
    </message>
    <message>
        <source>Not trained yet: press Train (%1).</source>
        <translation>Noch nicht trainiert: „Trainieren“ drücken (%1).</translation>
    </message>
    <message>
        <source>Retrain &amp;automatically after</source>
        <translation>Automatisch neu &amp;trainieren nach</translation>
    </message>
    <message>
        <source> label edits</source>
        <translation> Änderungen an Kennzeichnungen</translation>
    </message>
    <message>
        <source>never (only on request)</source>
        <translation>nie (nur auf Anforderung)</translation>
    </message>
    <message>
        <source>After this many label edits a new model version is trained in the background; 0 = only when you ask</source>
        <translation>Nach so vielen Änderungen an Kennzeichnungen wird im Hintergrund eine neue Modellversion trainiert; 0 = nur auf Anforderung</translation>
    </message>
    <message>
        <source>It flags with a decision fitted on your anomaly labels (unlabelled points counted as normal).</source>
        <translation>Es markiert mit einer Entscheidung, die an Ihre Anomalie-Kennzeichnungen angepasst ist (nicht gekennzeichnete Punkte gelten als normal).</translation>
    </message>
    <message>
        <source>It flags with a decision fitted on your labels.</source>
        <translation>Es markiert mit einer Entscheidung, die an Ihre Kennzeichnungen angepasst ist.</translation>
    </message>
    <message>
        <source>It flags with the detector alone: label an anomaly to fit a decision on the residual evidence too.</source>
        <translation>Es markiert allein mit dem Detektor: Kennzeichnen Sie eine Anomalie, damit auch die Residuen in eine angepasste Entscheidung eingehen.</translation>
    </message>
    <message>
        <source>No Q-network update ran: too few windows for the replay memory (the paper preset counts labelled windows only), so the agent is untrained.</source>
        <translation>Kein Update des Q-Netzes lief: zu wenige Fenster für den Replay-Speicher (das Preset „paper“ zählt nur gekennzeichnete Fenster), daher ist der Agent untrainiert.</translation>
    </message>
    <message numerus="yes">
        <source>Training restarted: %n label edit(s) since the newest model.</source>
        <translation>
            <numerusform>Training neu gestartet: %n Label-Änderung seit dem neuesten Modell.</numerusform>
            <numerusform>Training neu gestartet: %n Label-Änderungen seit dem neuesten Modell.</numerusform>
        </translation>
    </message>
    <message>
        <source>Of its detections it keeps at most %1 per 1000 points of a series, the strongest.</source>
        <translation>Von seinen Funden behält es höchstens %1 je 1000 Punkte einer Reihe, die stärksten.</translation>
    </message>
    <message>
        <source>It weighs the evidence over %1 points around each point.</source>
        <translation>Es wägt die Hinweise über je %1 Punkte um jeden Punkt ab.</translation>
    </message>
    <message>
        <source>Anomalies &amp;last about</source>
        <translation>Anomalien dauern &amp;etwa</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source>1 point (spikes)</source>
        <translation>1 Punkt (Ausreißer)</translation>
    </message>
    <message>
        <source>How long an anomaly of this project usually lasts. Above 1 the decision weighs the evidence over that many points around each point: incidents lasting minutes are flagged whole, and single stray points are not. Kept in the project; used from the next training on.</source>
        <translation>Wie lange eine Anomalie in diesem Projekt meist dauert. Über 1 wägt die Entscheidung die Hinweise über so viele Punkte um jeden Punkt ab: minutenlange Vorfälle werden ganz markiert, einzelne verirrte Punkte nicht. Wird im Projekt gespeichert und ab dem nächsten Training verwendet.</translation>
    </message>
    <message>
        <source>The anomaly length was not saved: %1</source>
        <translation>Die Anomaliedauer wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Anomalies last about %1 points: the next training uses this.</source>
        <translation>Anomalien dauern etwa %1 Punkte: Das nächste Training verwendet das.</translation>
    </message>
    <message>
        <source>Anomalies are single points: the next training uses this.</source>
        <translation>Anomalien sind einzelne Punkte: Das nächste Training verwendet das.</translation>
    </message>
    <message>
        <source>It flags none of your anomaly labels: if they are shorter than %1 points, lower &quot;Anomalies last about&quot;.</source>
        <translation>Es markiert keine Ihrer Anomalie-Kennzeichnungen: Sind sie kürzer als %1 Punkte, verringern Sie „Anomalien dauern etwa“.</translation>
    </message>
    <message>
        <source>Your anomaly labels are stretches of %1 points (median): if anomalies here are incidents rather than spikes, try &quot;Anomalies last about&quot; %2.</source>
        <translation>Ihre Anomalie-Kennzeichnungen sind Abschnitte von %1 Punkten (Median): Sind die Anomalien hier eher Vorfälle als Ausreißer, versuchen Sie „Anomalien dauern etwa“ %2.</translation>
    </message>
    <message>
        <source>Model v%1: %2 labelled points, %3 suggested points used; in-sample F1 %4 (optimistic: measured on the training labels).</source>
        <translation>Modell v%1: %L2 gekennzeichnete und %L3 vorgeschlagene Punkte verwendet; F1 auf den Trainingsdaten %L4 (optimistisch: an den Kennzeichnungen des Trainings gemessen).</translation>
    </message>
    <message>
        <source>Newest: model v%1 (%2).</source>
        <translation>Neuestes: Modell v%1 (%2).</translation>
    </message>
    <message>
        <source>Training the first model in the background: scores appear when it is done.</source>
        <translation>Das erste Modell wird im Hintergrund trainiert: Die Anomaliewerte erscheinen, sobald es fertig ist.</translation>
    </message>
    <message>
        <source>Training restarted: the previous run did not finish.</source>
        <translation>Training neu gestartet: Der vorige Lauf wurde nicht beendet.</translation>
    </message>
    <message>
        <source>Left out: %1.</source>
        <translation>Ausgelassen: %1.</translation>
    </message>
    <message numerus="yes">
        <source>And %n more.</source>
        <translation>
            <numerusform>Und %n weitere.</numerusform>
            <numerusform>Und %n weitere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training again after this run, with the %n label edit(s) made since it started.</source>
        <translation>
            <numerusform>Nach diesem Lauf wird erneut trainiert, mit %n seit seinem Start gemachten Label-Änderung.</numerusform>
            <numerusform>Nach diesem Lauf wird erneut trainiert, mit den %n seit seinem Start gemachten Label-Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Already training on the current labels.</source>
        <translation>Das Training läuft bereits mit den aktuellen Kennzeichnungen.</translation>
    </message>
    <message>
        <source>Training starts when the previous project&apos;s run has stopped.</source>
        <translation>Das Training beginnt, sobald der Lauf des vorigen Projekts angehalten hat.</translation>
    </message>
    <message>
        <source>Reward and λ per episode</source>
        <translation>Belohnung und λ je Episode</translation>
    </message>
    <message>
        <source>F1 per model version</source>
        <translation>F1 je Modellversion</translation>
    </message>
    <message>
        <source>Cancelled; no model was stored, so there are no scores yet.</source>
        <translation>Abgebrochen; es wurde kein Modell gespeichert, daher gibt es noch keine Anomaliewerte.</translation>
    </message>
    <message>
        <source>Model v%1: no labelled points; it scores with the VAE and the residual evidence alone.</source>
        <translation>Modell v%1: keine gekennzeichneten Punkte; es bewertet allein mit dem VAE und der Residuen-Evidenz.</translation>
    </message>
    <message>
        <source>This project is read-only, and training stores a model version in it: save a copy (File, Save a copy as…) to train.</source>
        <translation>Dieses Projekt ist schreibgeschützt, und das Training speichert eine Modellversion darin: Speichern Sie eine Kopie (Datei, Kopie speichern unter …), um zu trainieren.</translation>
    </message>
</context>
<context>
    <name>vigil::ui::i18n</name>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
</context>
</TS>
