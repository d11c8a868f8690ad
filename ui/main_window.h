// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QMainWindow>

#include "vigil/project.h"

#include <memory>

class QListWidget;
class QLabel;

namespace vigil::ui {

class SeriesChart;

/// What the background loader hands to the GUI thread.
struct LoadedSeries
{
    core::SeriesInfo info;
    core::TimeSeries series;
    std::vector<core::Label> labels;
    QString error;
};

/// Composes the docks and the chart. Thread rules: GUI thread only; series are read on a pool
/// thread through its own project connection.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project; returns false (and shows why in the status bar) when it cannot.
    bool openProject(const QString& path);
    /// True once the first series has been drawn (or there is none to draw).
    bool isIdle() const;

Q_SIGNALS:
    void idle();

private:
    void showSeries(int row);
    void onSeriesLoaded();
    void updateStatus();

    QString m_projectPath;
    std::vector<core::SeriesInfo> m_series;
    QListWidget* m_seriesList = nullptr;
    SeriesChart* m_chart = nullptr;
    QLabel* m_projectLabel = nullptr;
    QLabel* m_labelsLabel = nullptr;
    QFutureWatcher<LoadedSeries> m_loader;
    bool m_idle = true;
};

} // namespace vigil::ui
