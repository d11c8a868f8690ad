// SPDX-License-Identifier: MIT
// The sentences core writes into texts that a GUI shows: query reasons, the queue's notes, the
// stopping signal, the built-in analyst's potential and the commonest import errors. Core has no Qt
// and writes them in English (the CLI, the JSON and the project file keep English); each is a
// pattern with %1 … %9 for its arguments, so the GUI can find the patterns in a text (also one
// stored by an older run) and put them into the user's language (ui/core_text.h).
//
// Adding a sentence: a constant below, marked with VIGIL_TR_NOOP so that lupdate finds it
// (translations/CMakeLists.txt reads this file), an entry in kAll, then
// `cmake --build build --target update_translations` and its German text. An argument holds
// no space (a number, a word, a feature name); a sentence that carries another sentence is two
// patterns.
#pragma once

#include <array>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

/// Marks a pattern for lupdate (aliased to QT_TRANSLATE_NOOP); expands to the text itself.
#define VIGIL_TR_NOOP(context, text) text

namespace vigil::core::phrases {

/// The translation context of every pattern here.
inline constexpr const char* kContext = "vigil::core";

// Query reasons (query_strategies.cpp). Reasons join their parts with "; " or kAnd.
inline constexpr const char* kResidual =
    VIGIL_TR_NOOP("vigil::core", "residual %1σ: the value jumps away from its recent median");
// A window whose residual rounds to 0 (a flat or constant stretch): nothing jumps there.
inline constexpr const char* kNoResidual =
    VIGIL_TR_NOOP("vigil::core", "residual 0σ: the value stays at its recent median");
// A window whose residual is below 1σ (the start of a ramp, where the median lags less): it
// does not jump; "residual -13.0σ: the value jumps away" had read as a spike.
inline constexpr const char* kSmallResidual =
    VIGIL_TR_NOOP("vigil::core", "residual %1σ: the value keeps near its recent median");
inline constexpr const char* kLargestResidual = VIGIL_TR_NOOP("vigil::core", "largest residual:");
inline constexpr const char* kRandom = VIGIL_TR_NOOP("vigil::core", "picked at random (baseline)");
inline constexpr const char* kNoModelRankedByResidual =
    VIGIL_TR_NOOP("vigil::core", "no model yet, so ranked by residual:");
inline constexpr const char* kUndecidedMargin =
    VIGIL_TR_NOOP("vigil::core", "the detector is undecided here (margin %1)");
inline constexpr const char* kUndecidedP =
    VIGIL_TR_NOOP("vigil::core", "the detector is undecided here (p %1)");
inline constexpr const char* kProbability =
    VIGIL_TR_NOOP("vigil::core", "the detector's probability is %1");
inline constexpr const char* kSearchWithModel =
    VIGIL_TR_NOOP("vigil::core", "no anomaly confirmed yet, so asking where one is most likely");
inline constexpr const char* kSearchWithoutModel =
    VIGIL_TR_NOOP("vigil::core", "no model yet, so asking where an anomaly is most likely");
inline constexpr const char* kVaeUnusual = VIGIL_TR_NOOP(
    "vigil::core", "the VAE sees an unusual shape (error %1σ) that the detector calls normal");
inline constexpr const char* kVaeOrdinary = VIGIL_TR_NOOP(
    "vigil::core", "the detector flags it although the VAE finds the shape ordinary (error %1σ)");
inline constexpr const char* kPotentialUnsure =
    VIGIL_TR_NOOP("vigil::core", "the potential function is unsure (φ %1)");
inline constexpr const char* kNoModelDiversity =
    VIGIL_TR_NOOP("vigil::core", "no model yet, so by residual and diversity:");
/// Joins the two strongest parts of a reason ("…, and …"), spaces and comma included.
inline constexpr const char* kAnd = VIGIL_TR_NOOP("vigil::core", ", and ");
inline constexpr const char* kUnlike =
    VIGIL_TR_NOOP("vigil::core", "unlike anything labelled or asked so far");
inline constexpr const char* kRunsToEnd =
    VIGIL_TR_NOOP("vigil::core", "the anomaly labelled at row %1 reaches the end of what is "
                                 "labelled: does it go on here?");
inline constexpr const char* kRunsToStart =
    VIGIL_TR_NOOP("vigil::core", "the anomaly labelled at row %1 reaches the start of what is "
                                 "labelled: does it go on here?");

// The queue's note (active_learning.cpp).
inline constexpr const char* kNoModelQueries =
    VIGIL_TR_NOOP("vigil::core", "no model yet: queries come from the rolling-median residual");
inline constexpr const char* kNoModelQueriesDiversity = VIGIL_TR_NOOP(
    "vigil::core", "no model yet: queries come from the rolling-median residual and diversity");
inline constexpr const char* kNoWindowToAsk = VIGIL_TR_NOOP(
    "vigil::core", "no queries: no series has an unlabelled window to ask about (a query is %1 "
                   "rows; a shorter series, a fully labelled one or one with no observed value "
                   "has none)");
inline constexpr const char* kOnlySkippedWindowsLeft = VIGIL_TR_NOOP(
    "vigil::core", "no queries: the only windows left to ask about are ones the analyst "
                   "skipped (%1), and a skipped window is not asked again; label them on the "
                   "chart instead");
inline constexpr const char* kSeriesWithoutScores =
    VIGIL_TR_NOOP("vigil::core", "some series have no scores under model version %1 (run score)");
inline constexpr const char* kSeriesWithoutDetector = VIGIL_TR_NOOP(
    "vigil::core", "some series have no scores: model version %1 has no detector for their "
                   "number of channels (train again; if training leaves them out, label "
                   "anomalies and normal data on them)");

// The stopping signal (active_learning.cpp).
inline constexpr const char* kTooFewLabels =
    VIGIL_TR_NOOP("vigil::core", "not enough labels to estimate F1 yet: label anomalies in at "
                                 "least two places and some normal data");
inline constexpr const char* kNoEstimate = VIGIL_TR_NOOP("vigil::core", "no F1 estimate yet");
inline constexpr const char* kStopHere =
    VIGIL_TR_NOOP("vigil::core", "the last %1 labelling batches changed the estimated F1 by less "
                                 "than %2 (%3 -> %4): more labels have stopped helping; stop here "
                                 "or label a different kind of event");
inline constexpr const char* kEstimateTrend =
    VIGIL_TR_NOOP("vigil::core", "estimated F1 %1 on %2 labelled points (%3 since the previous "
                                 "batch); more labels still help");
inline constexpr const char* kEstimateFirst =
    VIGIL_TR_NOOP("vigil::core", "estimated F1 %1 on %2 labelled points; label another batch to "
                                 "see the trend");

// The built-in analyst's potential (builtin_analyst.cpp): what each family of terms detects,
// why a term is there, and the summary. A term's reason is its family, ": ", and one of the
// three sentences after the families; the summary is its first part, "; ", a basis, ".".
inline constexpr const char* kSpikes = VIGIL_TR_NOOP(
    "vigil::core", "isolated spikes (the newest value far from the rest of its window)");
inline constexpr const char* kLevelShifts = VIGIL_TR_NOOP(
    "vigil::core", "level shifts (the last third of the window moved away from the rest)");
inline constexpr const char* kVarianceChanges =
    VIGIL_TR_NOOP("vigil::core", "variance changes (the window became noisier or wider)");
inline constexpr const char* kSeasonalityBreaks = VIGIL_TR_NOOP(
    "vigil::core", "seasonality breaks (the value differs from the same phase one period earlier)");
inline constexpr const char* kSeparatesFromUnlabelled =
    VIGIL_TR_NOOP("vigil::core", "%1 separates the %2 windows labelled anomalous from the %3 "
                                 "unlabelled ones (no normal labels yet) (AUC %4; median %5 vs "
                                 "%6).");
inline constexpr const char* kSeparatesFromNormal =
    VIGIL_TR_NOOP("vigil::core", "%1 separates the %2 windows labelled anomalous from the %3 "
                                 "labelled normal (AUC %4; median %5 vs %6).");
inline constexpr const char* kDefaultTerm = VIGIL_TR_NOOP(
    "vigil::core", "a default term that rises past %1 = %2 (no labels to tune it yet).");
inline constexpr const char* kAnalystTerms =
    VIGIL_TR_NOOP("vigil::core", "Built-in (no LLM) potential: a weighted sum of %1 terms");
inline constexpr const char* kAnalystOneTerm =
    VIGIL_TR_NOOP("vigil::core", "Built-in (no LLM) potential: a weighted sum of 1 term");
inline constexpr const char* kBasisNoSeparation =
    VIGIL_TR_NOOP("vigil::core", "no candidate term separates the labels (every AUC < 0.55), so "
                                 "this is the generic prior");
inline constexpr const char* kBasisNoLabels =
    VIGIL_TR_NOOP("vigil::core", "there are no labels of both classes yet, so this is the "
                                 "generic prior");
inline constexpr const char* kBasisWeighted = VIGIL_TR_NOOP(
    "vigil::core", "each term is weighted by how well it separates the labelled windows");
inline constexpr const char* kRevised = VIGIL_TR_NOOP(
    "vigil::core", "Revised because the previous potential's AUC on the current labels fell.");

// Import errors (csv_reader.cpp, loader_util.cpp, import_paths.cpp), after "FILE:LINE:COLUMN: "
// or "PATH: ". An argument with a space in it (a quoted cell such as "a b") leaves its sentence
// English, unless the sentence ends with it.
inline constexpr const char* kFileEmpty = VIGIL_TR_NOOP("vigil::core", "the file is empty");
inline constexpr const char* kHeaderWithoutRows =
    VIGIL_TR_NOOP("vigil::core", "the file has a header but no data rows");
inline constexpr const char* kNoNumericColumn =
    VIGIL_TR_NOOP("vigil::core", "no numeric value column found");
inline constexpr const char* kTimeIsLabel =
    VIGIL_TR_NOOP("vigil::core", "the timestamp and the label column cannot be the same column");
// An explicit value column that is also the timestamp / the label column (csv_reader.cpp).
inline constexpr const char* kValueIsTime =
    VIGIL_TR_NOOP("vigil::core", "column %1 is the timestamp column; it cannot be a value column "
                                 "as well");
inline constexpr const char* kValueIsLabel =
    VIGIL_TR_NOOP("vigil::core", "column %1 is the label column; it cannot be a value column as "
                                 "well");
// A column name the header holds more than once, given to choose a column (csv_reader.cpp).
inline constexpr const char* kAmbiguousColumn =
    VIGIL_TR_NOOP("vigil::core", "%2 columns are named %1; choose one by position (col1, col2, "
                                 "…) or rename it");
// After a duplicate timestamp finer than a millisecond (csv_reader.cpp).
inline constexpr const char* kMillisecondTimes =
    VIGIL_TR_NOOP("vigil::core", "Vigil keeps timestamps to the millisecond");
inline constexpr const char* kFieldCount =
    VIGIL_TR_NOOP("vigil::core", "expected %1 fields, found %2");
inline constexpr const char* kTooManyFields =
    VIGIL_TR_NOOP("vigil::core", "the line has %1 fields; at most %2 columns are supported");
inline constexpr const char* kExpectedNumber =
    VIGIL_TR_NOOP("vigil::core", "expected a number, found %1");
inline constexpr const char* kInfiniteValue = VIGIL_TR_NOOP(
    "vigil::core", "infinite value %1 is not a valid measurement; expected a finite number");
inline constexpr const char* kExpectedLabel =
    VIGIL_TR_NOOP("vigil::core", "expected a label 0/1 or true/false (or an empty cell), found %1");
inline constexpr const char* kExpectedClass =
    VIGIL_TR_NOOP("vigil::core", "expected a class (anomaly, normal or class<N>) or an empty "
                                 "cell, found %1");
inline constexpr const char* kExpectedSource =
    VIGIL_TR_NOOP("vigil::core", "expected a label source (human, propagated, model, imported) "
                                 "or an empty cell, found %1");
inline constexpr const char* kExpectedConfidence =
    VIGIL_TR_NOOP("vigil::core", "expected a confidence from 0 to 1 (or an empty cell), found %1");
inline constexpr const char* kUnknownChannel =
    VIGIL_TR_NOOP("vigil::core", "the label names a channel this file does not have: %1");
inline constexpr const char* kUnsupportedDate = VIGIL_TR_NOOP(
    "vigil::core", "a date-time format Vigil does not read (it reads ISO 8601 such as "
                   "2014-04-01 00:00:00 or 2014-04-01T00:00:00Z, dates with a four-digit year "
                   "such as 01.04.2014 10:00 or 04/01/2014 10:00 AM, and integer timestamps): %1");
inline constexpr const char* kNotNabWindowsFile = VIGIL_TR_NOOP(
    "vigil::core", "%1 is there and is not a NAB windows file (a JSON object of data files and "
                   "their windows); the NAB export adds its windows to such a file and replaces "
                   "no other: choose another folder");
inline constexpr const char* kNabWindowMissesRows = VIGIL_TR_NOOP(
    "vigil::core", "the NAB window %1 to %2 holds no row of the data (it lies outside the "
                   "series or between two rows, or the data's times carry a UTC offset and the "
                   "window's do not); it marks nothing");
inline constexpr const char* kCsvOptionsNotApplied = VIGIL_TR_NOOP(
    "vigil::core", "read as %1 data, whose layout is fixed: the CSV options (delimiter, header, "
                   "columns, date order) do not apply to it; import it as CSV (vigil-cli import "
                   "--format csv, or Format in the import wizard) to read it as a plain table "
                   "with them");
inline constexpr const char* kMixedDecimalSeparators = VIGIL_TR_NOOP(
    "vigil::core", "%1 has a decimal comma, but %2 on line %3 a decimal point; one of them is "
                   "a thousands separator or the file mixes both, so no reading is safe: save "
                   "it with one decimal separator and no thousands separators");
inline constexpr const char* kLateDecimalComma = VIGIL_TR_NOOP(
    "vigil::core", "a decimal comma, where the file's first 50 lines had none, so it was read "
                   "with decimal points; write every number of the file with a decimal comma or "
                   "with a decimal point");
inline constexpr const char* kExpectedTimeOfDay =
    VIGIL_TR_NOOP("vigil::core", "expected a time of day such as 10:00:00, found %1");
inline constexpr const char* kDatesReadDayFirst =
    VIGIL_TR_NOOP("vigil::core",
                  "every sampled date in column %1 reads both day first and month first; they were "
                  "read day first (%2 as %3). If they are month first, import the file again "
                  "with month-first dates (vigil-cli import --date-order mdy, or Dates in the "
                  "import wizard)");
inline constexpr const char* kDatesReadMonthFirst =
    VIGIL_TR_NOOP("vigil::core",
                  "every sampled date in column %1 reads both day first and month first; they were "
                  "read month first (%2 as %3). If they are day first, import the file again "
                  "with day-first dates (vigil-cli import --date-order dmy, or Dates in the "
                  "import wizard)");
inline constexpr const char* kFractionalTime =
    VIGIL_TR_NOOP("vigil::core", "a fractional timestamp (timestamps are whole numbers, e.g. epoch "
                                 "milliseconds, or ISO 8601 date-times): %1");
inline constexpr const char* kIsFolder = VIGIL_TR_NOOP("vigil::core", "is a folder, not a file");
inline constexpr const char* kReadError = VIGIL_TR_NOOP("vigil::core", "read error");
inline constexpr const char* kNotText =
    VIGIL_TR_NOOP("vigil::core", "not a text file (it contains NUL bytes)");
inline constexpr const char* kTextColumnLeftOut = VIGIL_TR_NOOP(
    "vigil::core", "column %1 was left out: it holds text, not numbers (%2 on line %3)");
inline constexpr const char* kSeriesKeyColumn = VIGIL_TR_NOOP(
    "vigil::core", "column %1 was left out: it holds names (%2); if each one names a series "
                   "(long format), split the file by it and import the parts");
inline constexpr const char* kUtf16Text = VIGIL_TR_NOOP(
    "vigil::core", "UTF-16 text (Excel's \"Unicode text\"): save it as CSV UTF-8 and import that");
inline constexpr const char* kCompressedFile = VIGIL_TR_NOOP(
    "vigil::core", "a compressed file (gzip): decompress it and import the file inside");
inline constexpr const char* kNoDataFiles =
    VIGIL_TR_NOOP("vigil::core", "the folder holds no data files");
inline constexpr const char* kEmptyLinesAreMissing =
    VIGIL_TR_NOOP("vigil::core", "%1 empty line(s) inside the column of values were read as "
                                 "missing values (rows keep their place)");
inline constexpr const char* kUnixSecondsAsDates =
    VIGIL_TR_NOOP("vigil::core", "column %1 holds whole Unix seconds: they were read as "
                                 "date-times (UTC)");
inline constexpr const char* kUnixMillisecondsAsDates =
    VIGIL_TR_NOOP("vigil::core", "column %1 holds whole Unix milliseconds: they were read as "
                                 "date-times (UTC)");
inline constexpr const char* kNoDataFilesOnlyFolders =
    VIGIL_TR_NOOP("vigil::core", "the folder holds no data files, only folders (%1); import those "
                                 "folders (subfolders are not searched)");
inline constexpr const char* kNoSuchPath = VIGIL_TR_NOOP("vigil::core", "no such file or folder");
inline constexpr const char* kNotSmdFolder =
    VIGIL_TR_NOOP("vigil::core", "not an SMD folder (expected test/ and test_label/)");

// An LLM endpoint's failures (openai_provider.cpp). A URL holds no space; what follows the
// colon (Qt's network error, the reply's first bytes) stays as the server or Qt said it.
inline constexpr const char* kLlmNoReply =
    VIGIL_TR_NOOP("vigil::core", "no reply from %1 within %2 s");
inline constexpr const char* kLlmCannotReach = VIGIL_TR_NOOP("vigil::core", "cannot reach %1:");
inline constexpr const char* kLlmRateLimited =
    VIGIL_TR_NOOP("vigil::core", "rate-limited by %1 (HTTP 429) after %2 attempts");
inline constexpr const char* kLlmAsksToWait =
    VIGIL_TR_NOOP("vigil::core", "rate-limited by %1: the server asks to wait %2 s");
inline constexpr const char* kLlmHttpStatus = VIGIL_TR_NOOP("vigil::core", "HTTP %1 from %2:");

// Project file errors (project.cpp), after the file's path. The SQLite message a sentence
// quotes stays English.
inline constexpr const char* kNoProjectFile = VIGIL_TR_NOOP("vigil::core", "no such project file");
inline constexpr const char* kProjectIsFolder =
    VIGIL_TR_NOOP("vigil::core", "is a folder, not a Vigil project file");
inline constexpr const char* kProjectEmpty =
    VIGIL_TR_NOOP("vigil::core", "is empty, not a Vigil project");
inline constexpr const char* kNotSqlite =
    VIGIL_TR_NOOP("vigil::core", "is not a Vigil project (not an SQLite database:");
inline constexpr const char* kNoMetaTable = VIGIL_TR_NOOP(
    "vigil::core", "is not a Vigil project (an SQLite database without Vigil's meta table)");
inline constexpr const char* kProjectDamaged =
    VIGIL_TR_NOOP("vigil::core", "is damaged and cannot be opened (SQLite:");
inline constexpr const char* kOpenBackup =
    VIGIL_TR_NOOP("vigil::core", "Open a backup copy of the project, or import the data again.");
inline constexpr const char* kNewerSchema =
    VIGIL_TR_NOOP("vigil::core", "was written by a newer Vigil (schema %1; this build reads up "
                                 "to %2). Update Vigil to open it.");
inline constexpr const char* kLabelsDoNotFit = VIGIL_TR_NOOP(
    "vigil::core", "is damaged: %1 of its labels are invalid, outside their series or of an "
                   "unknown source or class (Vigil never writes such a label; another program "
                   "changed the file).");
// A new project whose folder is missing or read-only (project.cpp): SQLite's own words were
// only "unable to open database file".
inline constexpr const char* kCannotCreateProject =
    VIGIL_TR_NOOP("vigil::core", "its folder is missing or not writable");
inline constexpr const char* kNotWritable =
    VIGIL_TR_NOOP("vigil::core", "the file or its folder is not writable (Vigil writes a "
                                 "journal beside the project;");
// Opening a project on a full disk (or after an I/O error) fails (project.cpp), after
// "cannot open PATH: "; the project itself is not damaged.
inline constexpr const char* kDiskTroubleOnOpen =
    VIGIL_TR_NOOP("vigil::core", "the disk is full or cannot be written, so the journal beside "
                                 "the project cannot be created; the project is not damaged: "
                                 "free some space and open it again");
// Another connection holds the project's write lock longer than Vigil waits (sqlite_util.cpp).
inline constexpr const char* kProjectBusy =
    VIGIL_TR_NOOP("vigil::core", "the project is busy: another program is writing to it; try "
                                 "again in a moment");

// A failed ask for a potential keeps the stored one (potential_service.cpp), after the reason.
inline constexpr const char* kKeptStoredPotential =
    VIGIL_TR_NOOP("vigil::core", "Kept the stored potential.");
// An export target that is a series' source file (exporters.cpp), after "cannot write PATH: ".
inline constexpr const char* kIsSourceFile =
    VIGIL_TR_NOOP("vigil::core", "it is the file a series was imported from; export to another "
                                 "folder");
// Stored scores that do not decode (project.cpp); %1 the series id, %2 the model version.
inline constexpr const char* kScoresDamaged =
    VIGIL_TR_NOOP("vigil::core", "the stored scores of series %1 under model version %2 are "
                                 "damaged; run score to compute them again");
// A stored model whose checksum does not match (project_models.cpp).
inline constexpr const char* kModelDamaged =
    VIGIL_TR_NOOP("vigil::core", "the stored model is damaged (its checksum does not match); "
                                 "train again");
// A report named like the project or its journal (report.cpp), after "cannot write PATH: ".
inline constexpr const char* kIsProjectFile =
    VIGIL_TR_NOOP("vigil::core", "it is the project file; choose another name for the report");
// A report named like a series' source file (report.cpp), after "cannot write PATH: ".
inline constexpr const char* kReportOverSource =
    VIGIL_TR_NOOP("vigil::core", "it is the file a series was imported from; choose another "
                                 "name for the report");
// An LLM reply past the transport's cap (qt_http_transport.cpp).
inline constexpr const char* kReplyTooLarge =
    VIGIL_TR_NOOP("vigil::core", "the reply is larger than %1 MB; it was cut off");

// Saving a copy of a project over an existing file (project.cpp), after
// "cannot save a copy to PATH: ".
inline constexpr const char* kCopyTargetExists =
    VIGIL_TR_NOOP("vigil::core", "a file of that name exists; a copy never replaces a file, so "
                                 "choose a new name");
// An edit of a project opened read-only (sqlite_util.cpp).
// A write to a project whose file was deleted or replaced since it was opened (sqlite_util.cpp).
inline constexpr const char* kProjectMoved =
    VIGIL_TR_NOOP("vigil::core", "the project file was moved, replaced or deleted since it was "
                                 "opened, so nothing was saved; open it again from where it is "
                                 "now");
// Opening a project whose file was replaced or deleted while this program has it open
// (project.cpp), after "cannot open PATH: ".
inline constexpr const char* kReplacedWhileOpen =
    VIGIL_TR_NOOP("vigil::core", "the file was replaced or deleted while Vigil had it open; "
                                 "close the project and open it again");
inline constexpr const char* kProjectReadOnly =
    VIGIL_TR_NOOP("vigil::core", "the project is open read-only: its file or folder cannot be "
                                 "written, so nothing was changed");

// The GUI's Undo or Redo of one step, when another program's edit is on top (project.cpp).
inline constexpr const char* kUndoNotOnTop =
    VIGIL_TR_NOOP("vigil::core", "another program changed the project's labels, so the next step "
                                 "to undo is not this one; nothing was changed");
inline constexpr const char* kRedoNotOnTop =
    VIGIL_TR_NOOP("vigil::core", "another program changed the project's labels, so the next step "
                                 "to redo is not this one; nothing was changed");

// Series left out of training or scoring (project_training.cpp), after "NAME: ".
inline constexpr const char* kFewerThanWindow =
    VIGIL_TR_NOOP("vigil::core", "%1 points, fewer than the window of %2");
inline constexpr const char* kNoObservedValue =
    VIGIL_TR_NOOP("vigil::core", "no observed value in the channels used");
inline constexpr const char* kUntrainedGroup = VIGIL_TR_NOOP(
    "vigil::core",
    "the detector for %1-channel series ran no Q-network update, so it is not scored");
inline constexpr const char* kNoDetector = VIGIL_TR_NOOP(
    "vigil::core", "no detector for %1-channel series in this model version; train again");

/// Every pattern above, for the GUI's translation.
inline constexpr std::array kAll{kCannotCreateProject,
                                 kResidual,
                                 kNoResidual,
                                 kSmallResidual,
                                 kLargestResidual,
                                 kRandom,
                                 kNoModelRankedByResidual,
                                 kUndecidedMargin,
                                 kUndecidedP,
                                 kProbability,
                                 kSearchWithModel,
                                 kSearchWithoutModel,
                                 kVaeUnusual,
                                 kVaeOrdinary,
                                 kPotentialUnsure,
                                 kNoModelDiversity,
                                 kAnd,
                                 kUnlike,
                                 kRunsToEnd,
                                 kRunsToStart,
                                 kNoModelQueries,
                                 kNoModelQueriesDiversity,
                                 kNoWindowToAsk,
                                 kOnlySkippedWindowsLeft,
                                 kSeriesWithoutScores,
                                 kSeriesWithoutDetector,
                                 kTooFewLabels,
                                 kNoEstimate,
                                 kStopHere,
                                 kEstimateTrend,
                                 kEstimateFirst,
                                 kSpikes,
                                 kLevelShifts,
                                 kVarianceChanges,
                                 kSeasonalityBreaks,
                                 kSeparatesFromUnlabelled,
                                 kSeparatesFromNormal,
                                 kDefaultTerm,
                                 kAnalystTerms,
                                 kAnalystOneTerm,
                                 kBasisNoSeparation,
                                 kBasisNoLabels,
                                 kBasisWeighted,
                                 kRevised,
                                 kFileEmpty,
                                 kHeaderWithoutRows,
                                 kNoNumericColumn,
                                 kTimeIsLabel,
                                 kFieldCount,
                                 kTooManyFields,
                                 kExpectedNumber,
                                 kInfiniteValue,
                                 kExpectedLabel,
                                 kExpectedClass,
                                 kExpectedSource,
                                 kExpectedConfidence,
                                 kUnknownChannel,
                                 kUnsupportedDate,
                                 kExpectedTimeOfDay,
                                 kLateDecimalComma,
                                 kMixedDecimalSeparators,
                                 kCsvOptionsNotApplied,
                                 kNabWindowMissesRows,
                                 kNotNabWindowsFile,
                                 kDatesReadDayFirst,
                                 kDatesReadMonthFirst,
                                 kFractionalTime,
                                 kIsFolder,
                                 kReadError,
                                 kNotText,
                                 kUtf16Text,
                                 kTextColumnLeftOut,
                                 kSeriesKeyColumn,
                                 kCompressedFile,
                                 kNoDataFiles,
                                 kNoDataFilesOnlyFolders,
                                 kEmptyLinesAreMissing,
                                 kUnixSecondsAsDates,
                                 kUnixMillisecondsAsDates,
                                 kNoSuchPath,
                                 kNotSmdFolder,
                                 kLlmNoReply,
                                 kLlmCannotReach,
                                 kLlmRateLimited,
                                 kLlmAsksToWait,
                                 kLlmHttpStatus,
                                 kNoProjectFile,
                                 kProjectIsFolder,
                                 kProjectEmpty,
                                 kNotSqlite,
                                 kNoMetaTable,
                                 kProjectDamaged,
                                 kOpenBackup,
                                 kNewerSchema,
                                 kLabelsDoNotFit,
                                 kNotWritable,
                                 kProjectBusy,
                                 kKeptStoredPotential,
                                 kIsSourceFile,
                                 kValueIsTime,
                                 kValueIsLabel,
                                 kAmbiguousColumn,
                                 kMillisecondTimes,
                                 kIsProjectFile,
                                 kScoresDamaged,
                                 kModelDamaged,
                                 kReportOverSource,
                                 kReplyTooLarge,
                                 kProjectMoved,
                                 kReplacedWhileOpen,
                                 kDiskTroubleOnOpen,
                                 kProjectReadOnly,
                                 kCopyTargetExists,
                                 kUndoNotOnTop,
                                 kRedoNotOnTop,
                                 kFewerThanWindow,
                                 kNoObservedValue,
                                 kUntrainedGroup,
                                 kNoDetector};

/// `pattern` with %1 … %9 replaced by `args` in order ("%%" is a literal %); a placeholder
/// without an argument stays as it is. The GUI fills a translated pattern the same way.
inline std::string fill(std::string_view pattern, std::span<const std::string> args)
{
    std::string out;
    out.reserve(pattern.size() + 16);
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size()) {
            const char d = pattern[i + 1];
            if (d == '%') {
                out += '%';
                ++i;
                continue;
            }
            if (d >= '1' && d <= '9' && static_cast<size_t>(d - '1') < args.size()) {
                out += args[static_cast<size_t>(d - '1')];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

inline std::string fill(std::string_view pattern, std::initializer_list<std::string> args = {})
{
    return fill(pattern, std::span<const std::string>(args.begin(), args.size()));
}

} // namespace vigil::core::phrases
