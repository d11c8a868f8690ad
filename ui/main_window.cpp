// SPDX-License-Identifier: MIT
#include "main_window.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QStatusBar>
#include <QtConcurrent>

#include "plot/series_chart.h"

namespace vigil::ui {
namespace {

/// Runs on a pool thread: its own connection, never the GUI's.
LoadedSeries loadSeries(const QString& path, core::SeriesInfo info)
{
    LoadedSeries out;
    out.info = std::move(info);
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        out.error = QString::fromStdString(project.error().message);
        return out;
    }
    auto series = (*project)->loadSeries(out.info.id);
    auto labels = (*project)->labels(out.info.id);
    if (!series || !labels) {
        out.error = QString::fromStdString(!series ? series.error().message
                                                   : labels.error().message);
        return out;
    }
    out.series = std::move(series).value();
    out.labels = std::move(labels).value();
    return out;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_seriesList(new QListWidget(this))
    , m_chart(new SeriesChart(this))
    , m_projectLabel(new QLabel(this))
    , m_labelsLabel(new QLabel(this))
{
    setWindowTitle(tr("Vigil"));
    setCentralWidget(m_chart);
    auto* dock = new QDockWidget(tr("Series"), this);
    dock->setObjectName(QStringLiteral("seriesDock"));
    dock->setWidget(m_seriesList);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_labelsLabel);
    connect(m_seriesList, &QListWidget::currentRowChanged, this, &MainWindow::showSeries);
    connect(&m_loader, &QFutureWatcher<LoadedSeries>::finished, this, &MainWindow::onSeriesLoaded);
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_loader.waitForFinished();
}

bool MainWindow::openProject(const QString& path)
{
    // Reading the series list is one small query; the values are loaded off the GUI thread.
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        statusBar()->showMessage(QString::fromStdString(project.error().message));
        return false;
    }
    auto list = (*project)->listSeries();
    if (!list) {
        statusBar()->showMessage(QString::fromStdString(list.error().message));
        return false;
    }
    m_projectPath = path;
    m_series = std::move(list).value();
    setWindowTitle(tr("%1 – Vigil").arg(QFileInfo(path).fileName()));
    m_seriesList->clear();
    for (const auto& s : m_series) {
        const double pct = s.length > 0 ? 100.0 * static_cast<double>(s.labeledPoints) /
                                              static_cast<double>(s.length)
                                        : 0.0;
        auto* item = new QListWidgetItem(
            tr("%1\n%2 points · %3 ch · %4% labelled")
                .arg(QString::fromStdString(s.name))
                .arg(s.length)
                .arg(s.channels)
                .arg(pct, 0, 'f', 1));
        m_seriesList->addItem(item);
    }
    updateStatus();
    if (m_series.empty()) {
        m_chart->clear();
        m_idle = true;
        Q_EMIT idle();
    } else {
        m_seriesList->setCurrentRow(0);
    }
    return true;
}

bool MainWindow::isIdle() const
{
    return m_idle;
}

void MainWindow::showSeries(int row)
{
    if (row < 0 || row >= static_cast<int>(m_series.size())) {
        return;
    }
    m_idle = false;
    m_loader.setFuture(QtConcurrent::run(loadSeries, m_projectPath, m_series[static_cast<size_t>(row)]));
}

void MainWindow::onSeriesLoaded()
{
    const LoadedSeries loaded = m_loader.result();
    if (!loaded.error.isEmpty()) {
        statusBar()->showMessage(loaded.error);
    } else {
        m_chart->setSeries(loaded.series, loaded.labels);
    }
    updateStatus();
    m_idle = true;
    Q_EMIT idle();
}

void MainWindow::updateStatus()
{
    if (m_projectPath.isEmpty()) {
        m_projectLabel->setText(tr("No project open"));
        m_labelsLabel->clear();
        return;
    }
    std::int64_t labelled = 0;
    std::int64_t anomalous = 0;
    for (const auto& s : m_series) {
        labelled += s.labeledPoints;
        anomalous += s.anomalousPoints;
    }
    m_projectLabel->setText(tr("%1 · saved").arg(m_projectPath));
    m_labelsLabel->setText(tr("%1 series · %2 labelled points · %3 anomalous · not trained yet")
                               .arg(m_series.size())
                               .arg(labelled)
                               .arg(anomalous));
}

} // namespace vigil::ui
