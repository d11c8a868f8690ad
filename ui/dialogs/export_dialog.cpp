// SPDX-License-Identifier: MIT
#include "dialogs/export_dialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "workers/file_jobs.h"
#include "workers/job_runner.h"

#include <algorithm>

namespace vigil::ui {
namespace {

constexpr int kSeriesIdRole = Qt::UserRole + 1;

QString formatNote(core::ExportFormat format)
{
    switch (format) {
    case core::ExportFormat::WideCsv:
        return ExportDialog::tr("One <series>.csv per series: timestamp, one column per channel, "
                                "then label, class and source of each row. Importing it back "
                                "gives the same values and labels.");
    case core::ExportFormat::Nab:
        return ExportDialog::tr("NAB layout: data/vigil/<series>.csv and "
                                "labels/combined_windows.json with the anomaly windows "
                                "(other classes are not carried).");
    case core::ExportFormat::Yahoo:
        return ExportDialog::tr("Yahoo S5 layout: <series>.csv as timestamp, value, is_anomaly; "
                                "one file per channel when a series has several.");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(const QString& projectPath, const std::vector<core::SeriesInfo>& series,
                           std::int64_t current, QWidget* parent)
    : QDialog(parent)
    , m_projectPath(projectPath)
    , m_format(new QComboBox(this))
    , m_formatNote(new QLabel(this))
    , m_all(new QRadioButton(tr("&All series"), this))
    , m_chosen(new QRadioButton(tr("&Only these:"), this))
    , m_series(new QListWidget(this))
    , m_folder(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_runner(new JobRunner(QStringLiteral("vigil-export"), this))
{
    setWindowTitle(tr("Export labelled data"));
    m_format->addItem(tr("Wide CSV with label columns"),
                      static_cast<int>(core::ExportFormat::WideCsv));
    m_format->addItem(tr("NAB data and windows JSON"), static_cast<int>(core::ExportFormat::Nab));
    m_format->addItem(tr("Yahoo CSV per series"), static_cast<int>(core::ExportFormat::Yahoo));
    m_formatNote->setWordWrap(true);
    m_formatNote->setTextFormat(Qt::PlainText);
    QPalette notePalette = m_formatNote->palette();
    notePalette.setColor(QPalette::WindowText,
                         notePalette.color(QPalette::Disabled, QPalette::WindowText));
    m_formatNote->setPalette(notePalette);

    auto* group = new QButtonGroup(this);
    group->addButton(m_all);
    group->addButton(m_chosen);
    for (const auto& s : series) {
        auto* item = new QListWidgetItem(QString::fromStdString(s.name), m_series);
        item->setData(kSeriesIdRole, QVariant::fromValue<qint64>(s.id));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(s.id == current ? Qt::Checked : Qt::Unchecked);
    }
    m_all->setChecked(true);

    const QFileInfo project(projectPath);
    m_folder->setText(QDir::toNativeSeparators(
        project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral("-export"))));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(false); // until an export runs
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_formatNote);
    auto* seriesBox = new QVBoxLayout;
    seriesBox->addWidget(m_all);
    seriesBox->addWidget(m_chosen);
    seriesBox->addWidget(m_series, 1);
    form->addRow(tr("Series:"), seriesBox);
    auto* folderLabel = new QLabel(tr("Fol&der:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_all, &QRadioButton::toggled, this, &ExportDialog::updateState);
    connect(m_series, &QListWidget::itemChanged, this, [this] {
        m_chosen->setChecked(true); // ticking a series means "only these"
        updateState();
    });
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_runner, &JobRunner::progress, this, [this](double fraction, const QString& phase) {
        m_progress->setValue(static_cast<int>(fraction * 1000.0));
        m_status->setText(phase);
    });
    connect(m_runner, &JobRunner::finished, this, &ExportDialog::onFinished);
    connect(m_runner, &JobRunner::failed, this, &ExportDialog::onFailed);
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        m_status->setText(tr("Export cancelled; no file was written."));
        m_progress->setValue(0);
        updateState();
    });
    updateState();
    resize(560, 520);
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setFormat(core::ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
}

core::ExportFormat ExportDialog::format() const
{
    return static_cast<core::ExportFormat>(m_format->currentData().toInt());
}

void ExportDialog::setOutputFolder(const QString& folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
}

QString ExportDialog::outputFolder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

void ExportDialog::setSelectedSeries(const std::vector<std::int64_t>& ids)
{
    {
        const QSignalBlocker block(m_series);
        for (int i = 0; i < m_series->count(); ++i) {
            QListWidgetItem* item = m_series->item(i);
            const qint64 id = item->data(kSeriesIdRole).toLongLong();
            item->setCheckState(std::find(ids.begin(), ids.end(), id) != ids.end() ? Qt::Checked
                                                                                   : Qt::Unchecked);
        }
    }
    (ids.empty() ? m_all : m_chosen)->setChecked(true);
    updateState();
}

std::vector<std::int64_t> ExportDialog::selectedSeries() const
{
    std::vector<std::int64_t> ids;
    if (m_all->isChecked()) {
        return ids;
    }
    for (int i = 0; i < m_series->count(); ++i) {
        const QListWidgetItem* item = m_series->item(i);
        if (item->checkState() == Qt::Checked) {
            ids.push_back(item->data(kSeriesIdRole).toLongLong());
        }
    }
    return ids;
}

bool ExportDialog::isRunning() const
{
    return m_runner->isRunning();
}

void ExportDialog::updateState()
{
    m_formatNote->setText(formatNote(format()));
    const bool running = m_runner->isRunning();
    const bool someChosen = m_all->isChecked() || !selectedSeries().empty();
    m_export->setEnabled(!running && someChosen && !outputFolder().isEmpty() &&
                         m_series->count() > 0);
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_format, m_all, m_chosen, m_series, m_folder}) {
        w->setEnabled(!running);
    }
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Stop") : tr("&Close"));
}

void ExportDialog::browse()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Export into folder"), outputFolder());
    if (!dir.isEmpty()) {
        setOutputFolder(dir);
    }
}

bool ExportDialog::startExport()
{
    if (!m_export->isEnabled()) {
        return false;
    }
    const QString folder = outputFolder();
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir()) {
        showError(tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(folder)));
        return false;
    }
    m_error.clear();
    m_files.clear();
    m_progress->setValue(0);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Starting…"));
    m_progress->setVisible(true);
    if (!m_runner->start(makeExportJob(m_projectPath, selectedSeries(), format(), folder))) {
        return false;
    }
    updateState();
    return true;
}

void ExportDialog::reject()
{
    if (m_runner->isRunning()) {
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

void ExportDialog::onFinished(const QVariant& value)
{
    const auto summary = value.value<ExportSummary>();
    m_files = summary.files;
    m_progress->setValue(1000);
    m_status->setStyleSheet(QString());
    m_status->setText(
        tr("Wrote %n file(s) for %1 series into %2.", nullptr, static_cast<int>(m_files.size()))
            .arg(summary.series)
            .arg(QDir::toNativeSeparators(outputFolder())));
    updateState();
    Q_EMIT exported(m_files);
}

void ExportDialog::onFailed(const QString& message)
{
    m_progress->setValue(0);
    showError(message);
    updateState();
    Q_EMIT exportFailed(message);
}

void ExportDialog::showError(const QString& message)
{
    m_error = message;
    m_status->setStyleSheet(QStringLiteral("color: #b2182b;"));
    m_status->setText(message);
}

} // namespace vigil::ui
