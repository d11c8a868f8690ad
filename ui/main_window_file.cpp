// SPDX-License-Identifier: MIT
// The File menu of the main window: new, open, recent, import, export, quit. Kept apart from
// main_window.cpp, which composes the docks and the chart.
#include "core_text.h"
#include "dialogs/export_dialog.h"
#include "dialogs/import_wizard.h"
#include "launch_arguments.h"
#include "main_window.h"
#include "plot/series_chart.h"
#include "recent_projects.h"
#include "shortcuts.h"
#include "workers/file_jobs.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

#include <algorithm>
#include <functional>

namespace vigil::ui {

void MainWindow::createFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    // Object names are stable handles for shortcut settings; the texts are translated.
    // Keys come from the registry (Settings → Keys); object names are stable handles for tests.
    auto add = [&](const QString& text, const char* name, const char* keyId,
                   const std::function<void()>& slot) {
        QAction* a = file->addAction(text);
        a->setObjectName(QLatin1String(name));
        Shortcuts::instance().bind(a, QLatin1String(keyId));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add(tr("&New project…"), "fileNewProject", "file.new", [this] { newProject(); });
    add(tr("&Open project…"), "fileOpenProject", "file.open", [this] { openProjectDialog(); });
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    add(tr("&Import data…"), "fileImportData", "file.import", [this] { importData(); });
    m_exportAction = add(tr("&Export…"), "fileExport", "file.export", [this] { exportData(); });
    m_reportAction = file->addAction(tr("Export re&port…"));
    m_reportAction->setObjectName(QStringLiteral("fileExportReport"));
    connect(m_reportAction, &QAction::triggered, this, [this] { exportReport(); });
    m_saveCopyAction =
        add(tr("Save a &copy as…"), "fileSaveCopy", "file.saveCopy", [this] { saveCopy(); });
    file->addSeparator();
    add(tr("&Quit"), "fileQuit", "file.quit", [this] { close(); });
}

bool MainWindow::newProject()
{
    const QString start =
        m_projectPath.isEmpty() ? QDir::homePath() : QFileInfo(m_projectPath).absolutePath();
    QString path =
        QFileDialog::getSaveFileName(this, tr("New project"), start, tr("Vigil projects (*.vigil)"),
                                     nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) {
        return false;
    }
    if (!isProjectPath(path)) {
        path += QStringLiteral(".vigil");
    }
    if (QFileInfo::exists(path)) { // never replace a file: it may hold someone's labels
        QMessageBox::warning(this, tr("New project"),
                             tr("%1 already exists. Choose another name, or open it with "
                                "File ▸ Open project.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    auto project = core::Project::open(path.toStdString(), core::OpenMode::CreateIfMissing);
    if (!project) {
        QMessageBox::warning(this, tr("New project"), coreText(project.error().message));
        return false;
    }
    project.value().reset(); // openProject opens its own connections
    return openProjectFromMenu(path);
}

void MainWindow::openProjectDialog()
{
    const QStringList recent = recentProjects();
    const QString start = !m_projectPath.isEmpty() ? QFileInfo(m_projectPath).absolutePath()
                          : !recent.isEmpty()      ? QFileInfo(recent.first()).absolutePath()
                                                   : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open project"), start, tr("Vigil projects (*.vigil);;All files (*)"));
    if (!path.isEmpty()) {
        openProjectFromMenu(path);
    }
}

bool MainWindow::openProjectFromMenu(const QString& path)
{
    if (!openProject(path)) {
        QMessageBox::warning(this, tr("Open project"), statusBar()->currentMessage());
        return false;
    }
    addRecentProject(path);
    return true;
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentProjects();
    for (const QString& path : recent) {
        QAction* a = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { openProjectFromMenu(path); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear list")), &QAction::triggered, this,
            [] { clearRecentProjects(); });
}

ImportWizard* MainWindow::importData(const QStringList& paths, const QString& createPath)
{
    if (createPath.isEmpty() && m_projectPath.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Import data"),
            tr("Imported data goes into a project, and none is open. Create a new project?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer != QMessageBox::Yes || !newProject()) {
            return nullptr;
        }
    }
    const QString target = createPath.isEmpty() ? m_projectPath : createPath;
    auto* wizard = new ImportWizard(target, !createPath.isEmpty(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setPaths(paths);
    connect(wizard, &ImportWizard::imported, this, [this, target] {
        if (target == m_projectPath && m_project) {
            reloadSeriesList();
        } else if (openProject(target)) {
            addRecentProject(target);
        }
    });
    wizard->open();
    if (!paths.isEmpty()) {
        wizard->next(); // the files are chosen: straight to their preview
    }
    return wizard;
}

ExportDialog* MainWindow::exportData()
{
    if (!m_project) {
        statusBar()->showMessage(tr("Open a project to export its data."), 5000);
        return nullptr;
    }
    auto* dialog = new ExportDialog(m_projectPath, m_series,
                                    m_chart->series() != nullptr ? m_chart->seriesId() : 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool MainWindow::exportReport(const QString& path)
{
    if (!m_project) {
        statusBar()->showMessage(tr("Open a project to write its report."), 5000);
        return false;
    }
    QString target = path;
    if (target.isEmpty()) {
        const QFileInfo project(m_projectPath);
        const QString markdown = tr("Markdown with SVG plots (*.md)");
        const QString html = tr("HTML page (*.html)");
        QString chosen = markdown;
        target = QFileDialog::getSaveFileName(
            this, tr("Export report"),
            project.absoluteDir().filePath(project.completeBaseName() +
                                           QStringLiteral("-report.md")),
            markdown + QStringLiteral(";;") + html, &chosen);
        if (target.isEmpty()) {
            return false;
        }
        const bool known = target.endsWith(QStringLiteral(".md"), Qt::CaseInsensitive) ||
                           target.endsWith(QStringLiteral(".html"), Qt::CaseInsensitive) ||
                           target.endsWith(QStringLiteral(".htm"), Qt::CaseInsensitive);
        if (!known) {
            target += chosen == html ? QStringLiteral(".html") : QStringLiteral(".md");
        }
    }
    if (m_reportRunner == nullptr) {
        m_reportRunner = makeStatusBarRunner(QStringLiteral("vigil-report"), tr("Cancel report"),
                                             QStringLiteral("cancelReport"),
                                             tr("Report cancelled; nothing was written."));
        connect(m_reportRunner, &JobRunner::progress, this,
                [this](double fraction, const QString& phase) {
                    statusBar()->showMessage(
                        tr("Writing the report: %1 % (%2)").arg(qRound(fraction * 100)).arg(phase));
                });
        connect(m_reportRunner, &JobRunner::finished, this, [this](const QVariant& value) {
            const QStringList files = value.toStringList();
            const QString where = QDir::toNativeSeparators(files.value(0));
            statusBar()->showMessage(files.size() > 1
                                         ? tr("Report written to %1 with %n plot(s)", nullptr,
                                              static_cast<int>(files.size() - 1))
                                               .arg(where)
                                         : tr("Report written to %1").arg(where),
                                     10000);
        });
        connect(m_reportRunner, &JobRunner::failed, this, [this](const QString& message) {
            statusBar()->showMessage(tr("The report was not written: %1").arg(message), 10000);
            // open(), not exec(): the event loop (and the worker's next job) keeps running.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Export report"),
                                        tr("The report was not written: %1").arg(message),
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
    if (m_reportRunner->isRunning()) {
        statusBar()->showMessage(tr("A report is being written already."), 5000);
        return false;
    }
    return m_reportRunner->start(makeReportJob(m_projectPath, target));
}

JobRunner* MainWindow::makeStatusBarRunner(const QString& threadName, const QString& cancelText,
                                           const QString& cancelName, const QString& cancelled)
{
    auto* runner = new JobRunner(threadName, this);
    auto* cancel = new QPushButton(cancelText, this);
    cancel->setObjectName(cancelName);
    cancel->setVisible(false);
    statusBar()->addPermanentWidget(cancel);
    connect(cancel, &QPushButton::clicked, runner, &JobRunner::cancel);
    connect(runner, &JobRunner::started, cancel, &QWidget::show);
    connect(runner, &JobRunner::finished, cancel, &QWidget::hide);
    connect(runner, &JobRunner::failed, cancel, &QWidget::hide);
    connect(runner, &JobRunner::cancelled, this, [this, cancel, cancelled] {
        cancel->hide();
        statusBar()->showMessage(cancelled, 10000);
    });
    return runner;
}

bool MainWindow::saveCopy(const QString& path)
{
    if (!m_project) {
        statusBar()->showMessage(tr("Open a project to save a copy of it."), 5000);
        return false;
    }
    if (m_copyRunner != nullptr && m_copyRunner->isRunning()) {
        statusBar()->showMessage(tr("A copy is being saved already."), 5000);
        return false;
    }
    QString target = path;
    if (target.isEmpty()) {
        const QFileInfo project(m_projectPath);
        target = QFileDialog::getSaveFileName(
            this, tr("Save a copy of the project"),
            project.absoluteDir().filePath(project.completeBaseName() + tr("-copy") +
                                           QStringLiteral(".vigil")),
            tr("Vigil projects (*.vigil)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (target.isEmpty()) {
            return false;
        }
        if (!isProjectPath(target)) {
            target += QStringLiteral(".vigil");
        }
    }
    if (QFileInfo::exists(target)) { // never replace a file: it may hold someone's labels
        const QString message = tr("%1 already exists; a copy never replaces a file. Choose "
                                   "another name.")
                                    .arg(QDir::toNativeSeparators(target));
        statusBar()->showMessage(message, 10000);
        if (path.isEmpty()) {
            QMessageBox::warning(this, tr("Save a copy"), message);
        }
        return false;
    }
    if (m_copyRunner == nullptr) {
        m_copyRunner = makeStatusBarRunner(QStringLiteral("vigil-copy"), tr("Cancel copy"),
                                           QStringLiteral("cancelCopy"),
                                           tr("Copy cancelled; nothing was written."));
        connect(m_copyRunner, &JobRunner::progress, this, [this](double fraction, const QString&) {
            statusBar()->showMessage(
                tr("Saving a copy of the project: %1 %").arg(qRound(fraction * 100)));
        });
        connect(m_copyRunner, &JobRunner::finished, this, [this](const QVariant& value) {
            const QStringList paths = value.toStringList(); // the copy, then its original
            statusBar()->showMessage(tr("A copy was saved to %1; you are still working in %2.")
                                         .arg(QDir::toNativeSeparators(paths.value(0)),
                                              QFileInfo(paths.value(1)).fileName()),
                                     10000);
        });
        connect(m_copyRunner, &JobRunner::failed, this, [this](const QString& message) {
            const QString text = tr("The copy was not saved: %1").arg(coreText(message));
            statusBar()->showMessage(text, 10000);
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Save a copy"), text,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
    return m_copyRunner->start(makeSaveCopyJob(m_projectPath, target));
}

} // namespace vigil::ui
