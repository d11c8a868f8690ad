// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWizard>

#include "vigil/import_plan.h"
#include "workers/file_jobs.h"

#include <vector>

namespace vigil::ui {

class ImportPreviewModel;
class ImportFilesPage;
class ImportPreviewPage;
class ImportRunPage;

/// The import wizard (UX.md, the loop, step 1): choose files or folders; see the detected format
/// of each file and a preview of its first rows, and choose the timestamp, label and value
/// columns of generic CSV; then the import runs on a worker thread with progress and cancel.
/// The import is all or nothing: when it fails or is cancelled the project is left as it was
/// (and a project the import was to create is not created).
///
/// Thread rules: GUI thread only. Detection runs on a pool thread, the import on a JobRunner.
class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilesPageId, PreviewPageId, RunPageId };

    /// Imports into `projectPath`. With `createProject`, the import creates that project file
    /// (it must not be open elsewhere); otherwise the project must exist.
    explicit ImportWizard(const QString& projectPath, bool createProject = false,
                          QWidget* parent = nullptr);
    ~ImportWizard() override;

    QString projectPath() const { return m_projectPath; }
    bool createsProject() const { return m_createProject; }

    /// The files and folders to import (page 1).
    void setPaths(const QStringList& paths);
    QStringList paths() const;

    /// Format asked for (Auto: detected per file).
    void setFormat(core::DataFormat format);
    core::DataFormat format() const;

    /// What the preview page found; valid once previewReady() was emitted.
    const std::vector<core::ImportItem>& items() const;
    ImportPreviewModel* previewModel() const;

    /// Column choice for generic CSV (applied to every CSV file by column name); a call means
    /// the user chose, so detection stops guessing that column. "" = none.
    void setTimeColumn(const QString& name);
    void setLabelColumn(const QString& name);
    void setValueColumns(const QStringList& names);
    /// The options the import will pass to the CSV reader.
    core::CsvOptions csvOptions() const;

    /// The error the current page shows (detection or import), empty when none.
    QString errorText() const;
    bool isImporting() const;
    /// What the last successful import added.
    const ImportSummary& summary() const { return m_summary; }

    /// While the import runs, Cancel (and Escape, and closing) stops it instead of closing.
    void reject() override;

Q_SIGNALS:
    /// The preview page finished detecting formats and previewing (or failed: errorText()).
    void previewReady();
    /// The import added these series; the project file exists now.
    void imported(const vigil::ui::ImportSummary& summary);
    /// The import failed (the project is unchanged); `message` names file, line and column.
    void importFailed(const QString& message);
    void importCancelled();

private:
    friend class ImportFilesPage;
    friend class ImportPreviewPage;
    friend class ImportRunPage;

    QString m_projectPath;
    bool m_createProject = false;
    ImportFilesPage* m_filesPage = nullptr;
    ImportPreviewPage* m_previewPage = nullptr;
    ImportRunPage* m_runPage = nullptr;
    ImportSummary m_summary;
};

} // namespace vigil::ui
