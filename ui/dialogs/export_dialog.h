// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

#include "vigil/exporters.h"
#include "vigil/project.h"

#include <cstdint>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace vigil::ui {

class JobRunner;

/// Export of the labelled dataset (UX.md, the loop, step 5): wide CSV with label, class and
/// source columns, NAB data + windows JSON, or Yahoo-style CSV per series; every series or a
/// chosen few; into a folder. Runs on a worker thread with progress and cancel.
///
/// Thread rules: GUI thread only; the export reads the project through its own connection.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    /// `series` is what the list offers; `current` (an id, 0 = none) is preselected.
    ExportDialog(const QString& projectPath, const std::vector<core::SeriesInfo>& series,
                 std::int64_t current = 0, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setFormat(core::ExportFormat format);
    core::ExportFormat format() const;
    void setOutputFolder(const QString& folder);
    QString outputFolder() const;
    /// Exports only these series (empty: all of them).
    void setSelectedSeries(const std::vector<std::int64_t>& ids);
    /// The ids to export; empty means every series.
    std::vector<std::int64_t> selectedSeries() const;

    bool isRunning() const;
    /// The error of the last export, empty after a success.
    QString errorText() const { return m_error; }
    /// The files the last export wrote.
    QStringList writtenFiles() const { return m_files; }

    /// Starts the export (the Export button); false when the choice is incomplete or it runs.
    bool startExport();
    /// While the export runs, Cancel stops it instead of closing.
    void reject() override;

Q_SIGNALS:
    void exported(const QStringList& files);
    void exportFailed(const QString& message);

private:
    void updateState();
    void browse();
    void onFinished(const QVariant& value);
    void onFailed(const QString& message);
    void showError(const QString& message);

    QString m_projectPath;
    QComboBox* m_format = nullptr;
    QLabel* m_formatNote = nullptr;
    QRadioButton* m_all = nullptr;
    QRadioButton* m_chosen = nullptr;
    QListWidget* m_series = nullptr;
    QLineEdit* m_folder = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_export = nullptr;
    JobRunner* m_runner = nullptr;
    QString m_error;
    QStringList m_files;
};

} // namespace vigil::ui
