<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FileJobs</name>
    <message numerus="yes">
        <source>%1 and %n more series</source>
        <translation>
            <numerusform>%1 and %n more series</numerusform>
            <numerusform>%1 and %n more series</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::DetectionTableModel</name>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::DetectionsDock</name>
    <message numerus="yes">
        <source>Model v%1 · score ≥ %2 · %n detection(s) (%3 to review, %4 shown)</source>
        <translation>
            <numerusform>Model v%1 · score ≥ %2 · %n detection (%3 to review, %4 shown)</numerusform>
            <numerusform>Model v%1 · score ≥ %2 · %n detections (%3 to review, %4 shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::ExportDialog</name>
    <message numerus="yes">
        <source>Wrote %n file(s) for %1 series into %2.</source>
        <translation>
            <numerusform>Wrote %n file for %1 series into %2.</numerusform>
            <numerusform>Wrote %n files for %1 series into %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportPreviewPage</name>
    <message numerus="yes">
        <source>%n file(s) to import.</source>
        <translation>
            <numerusform>%n file to import.</numerusform>
            <numerusform>%n files to import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMD folder(s) to import, one series per machine.</source>
        <translation>
            <numerusform>%n SMD folder to import, one series per machine.</numerusform>
            <numerusform>%n SMD folders to import, one series per machine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And %n file(s).</source>
        <translation>
            <numerusform>And %n file.</numerusform>
            <numerusform>And %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::ImportRunPage</name>
    <message numerus="yes">
        <source>Imported %n series (%1 points, %2 labels) into %3.</source>
        <translation>
            <numerusform>Imported %n series (%1 points, %2 labels) into %3.</numerusform>
            <numerusform>Imported %n series (%1 points, %2 labels) into %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::LabelCommand</name>
    <message numerus="yes">
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>Accept %n suggestion</numerusform>
            <numerusform>Accept %n suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>Reject %n suggestion</numerusform>
            <numerusform>Reject %n suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Update suggestions (%n suggestion(s))</source>
        <translation>
            <numerusform>Update suggestions (%n suggestion)</numerusform>
            <numerusform>Update suggestions (%n suggestions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Propagate labels (%n suggestion(s))</source>
        <translation>
            <numerusform>Propagate labels (%n suggestion)</numerusform>
            <numerusform>Propagate labels (%n suggestions)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n series · %1 labelled points · %2 anomalous</source>
        <translation>
            <numerusform>%n series · %1 labelled points · %2 anomalous</numerusform>
            <numerusform>%n series · %1 labelled points · %2 anomalous</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report written to %1 with %n plot(s)</source>
        <translation>
            <numerusform>Report written to %1 with %n plot</numerusform>
            <numerusform>Report written to %1 with %n plots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::QueueDock</name>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) in this window.</source>
        <translation>
            <numerusform>Accepted %n suggestion in this window.</numerusform>
            <numerusform>Accepted %n suggestions in this window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s) in this window.</source>
        <translation>
            <numerusform>Rejected %n suggestion in this window.</numerusform>
            <numerusform>Rejected %n suggestions in this window.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::SeriesTreeModel</name>
    <message numerus="yes">
        <source>%n anomaly range(s) found by model v%1</source>
        <translation>
            <numerusform>%n anomaly range found by model v%1</numerusform>
            <numerusform>%n anomaly ranges found by model v%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%2 points · %n channel(s) · %3% labelled (%4 anomalous points)
%5</source>
        <translation>
            <numerusform>%1
%2 points · %n channel · %3% labelled (%4 anomalous points)
%5</numerusform>
            <numerusform>%1
%2 points · %n channels · %3% labelled (%4 anomalous points)
%5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::SuggestionTableModel</name>
    <message numerus="yes">
        <source>Suggested %1 over %n point(s), confidence %2 (not an expert label until accepted)</source>
        <translation>
            <numerusform>Suggested %1 over %n point, confidence %2 (not an expert label until accepted)</numerusform>
            <numerusform>Suggested %1 over %n points, confidence %2 (not an expert label until accepted)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::SuggestionsDock</name>
    <message numerus="yes">
        <source>%n suggestion(s) on %1 series: %2 anomalous and %3 normal points, confidence %4 to %5 (mean %6).</source>
        <translation>
            <numerusform>%n suggestion on %1 series: %2 anomalous and %3 normal points, confidence %4 to %5 (mean %6).</numerusform>
            <numerusform>%n suggestions on %1 series: %2 anomalous and %3 normal points, confidence %4 to %5 (mean %6).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier suggestion(s) replaced.</source>
        <translation>
            <numerusform>%n earlier suggestion replaced.</numerusform>
            <numerusform>%n earlier suggestions replaced.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Propagate labels (%n suggestion(s))</source>
        <translation>
            <numerusform>Propagate labels (%n suggestion)</numerusform>
            <numerusform>Propagate labels (%n suggestions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) as your labels.</source>
        <translation>
            <numerusform>Accepted %n suggestion as your label.</numerusform>
            <numerusform>Accepted %n suggestions as your labels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s).</source>
        <translation>
            <numerusform>Rejected %n suggestion.</numerusform>
            <numerusform>Rejected %n suggestions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestion(s) with confidence %1 or more as one step (%2 undoes it).</source>
        <translation>
            <numerusform>Accepted %n suggestion with confidence %1 or more as one step (%2 undoes it).</numerusform>
            <numerusform>Accepted %n suggestions with confidence %1 or more as one step (%2 undoes it).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) not suggested again: you turned their suggestion down.</source>
        <translation>
            <numerusform>%n point not suggested again: you turned its suggestion down.</numerusform>
            <numerusform>%n points not suggested again: you turned their suggestion down.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Update suggestions (%n suggestion(s))</source>
        <translation>
            <numerusform>Update suggestions (%n suggestion)</numerusform>
            <numerusform>Update suggestions (%n suggestions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggestions updated after retraining: %n new (in bold), %1 gone.</source>
        <translation>
            <numerusform>Suggestions updated after retraining: %n new (in bold), %1 gone.</numerusform>
            <numerusform>Suggestions updated after retraining: %n new (in bold), %1 gone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) kept as they were.</source>
        <translation>
            <numerusform>%n suggestion kept as it was.</numerusform>
            <numerusform>%n suggestions kept as they were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::ui::TrainingDock</name>
    <message numerus="yes">
        <source>reward (%n ch)</source>
        <translation>
            <numerusform>reward (%n channel)</numerusform>
            <numerusform>reward (%n channels)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>λ (%n ch)</source>
        <translation>
            <numerusform>λ (%n channel)</numerusform>
            <numerusform>λ (%n channels)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training restarted: %n label edit(s) since the newest model.</source>
        <translation>
            <numerusform>Training restarted: %n label edit since the newest model.</numerusform>
            <numerusform>Training restarted: %n label edits since the newest model.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>And %n more.</source>
        <translation>
            <numerusform>And %n more.</numerusform>
            <numerusform>And %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training again after this run, with the %n label edit(s) made since it started.</source>
        <translation>
            <numerusform>Training again after this run, with the label edit made since it started.</numerusform>
            <numerusform>Training again after this run, with the %n label edits made since it started.</numerusform>
        </translation>
    </message>
</context>
</TS>
