// SPDX-License-Identifier: MIT
#include "dialogs/import_wizard.h"

#include "core_text.h"
#include "models/import_preview_model.h"
#include "workers/job_runner.h"

#include <QAbstractButton>
#include <QCollator>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace vigil::ui {
namespace {

/// Detection reads this much of a file: enough for the header and the sampled rows.
constexpr qint64 kHeadBytes = 64 * 1024;
constexpr qsizetype kMaxHeadBytes = 8 * 1024 * 1024;
constexpr qsizetype kHeadLines = 6;
/// The Dates choice that keeps whole Unix seconds or milliseconds as numbers (not a DateOrder).
constexpr int kUnixTimesAsNumbers = -2;

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString formatText(core::DataFormat format)
{
    switch (format) {
    case core::DataFormat::Auto:
        return ImportWizard::tr("Detect automatically");
    case core::DataFormat::Csv:
        return ImportWizard::tr("CSV / delimited text");
    case core::DataFormat::Yahoo:
        return ImportWizard::tr("Yahoo S5");
    case core::DataFormat::Smd:
        return ImportWizard::tr("SMD (server machine dataset)");
    case core::DataFormat::Nab:
        return ImportWizard::tr("NAB");
    case core::DataFormat::Ucr:
        return ImportWizard::tr("UCR anomaly archive");
    }
    return {};
}

void setErrorStyle(QLabel* label, bool error)
{
    label->setStyleSheet(error ? QStringLiteral("color: #b2182b;") : QString());
}

struct PlanResult
{
    std::vector<core::ImportItem> items;
    QString error;
};

/// Pool thread: lists the files and detects each one's format (reads their first bytes only).
PlanResult planOnPool(const std::vector<std::string>& paths, core::DataFormat format)
{
    PlanResult out;
    auto items = core::planImport(paths, format);
    if (!items) {
        out.error = qs(items.error().message);
    } else {
        out.items = std::move(items).value();
    }
    return out;
}

/// The file whose rows the preview shows for an item (an SMD folder: its first test machine).
QString previewFileOf(const core::ImportItem& item)
{
    const QString path = qs(item.path);
    if (item.format != core::DataFormat::Smd) {
        return path;
    }
    QStringList machines =
        QDir(path + QStringLiteral("/test")).entryList({QStringLiteral("*.txt")}, QDir::Files);
    QCollator order;
    order.setNumericMode(true);
    std::sort(machines.begin(), machines.end(), order);
    return machines.isEmpty() ? path : path + QStringLiteral("/test/") + machines.first();
}

/// The first kHeadBytes of a file, cut after its last complete line when the file is longer.
/// A wide file (thousands of columns) is read on, up to kMaxHeadBytes, until the head holds
/// kHeadLines lines: the header alone says nothing about the rows.
QByteArray readHead(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = ImportWizard::tr("%1: cannot read it (%2)")
                     .arg(QFileInfo(path).fileName(), file.errorString());
        return {};
    }
    QByteArray head = file.read(kHeadBytes);
    qsizetype lines = head.count('\n');
    while (!file.atEnd() && lines < kHeadLines && head.size() < kMaxHeadBytes) {
        const QByteArray more = file.read(kHeadBytes);
        lines += more.count('\n'); // only the new bytes are counted
        head += more;
    }
    if (!file.atEnd()) {
        const qsizetype nl = head.lastIndexOf('\n');
        if (nl > 0) {
            head.truncate(nl + 1);
        }
    }
    return head;
}

} // namespace

// ---------------------------------------------------------------------------------------------

/// Page 1: the files and folders to import.
class ImportFilesPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportFilesPage(ImportWizard* wizard)
        : QWizardPage(wizard)
        , m_list(new QListWidget(this))
    {
        setTitle(tr("Choose the data"));
        setSubTitle(tr("Files or folders to import (or drop them here). A folder is searched for "
                       "data files; an SMD folder (with test/ and test_label/) is read as one "
                       "dataset."));
        setAcceptDrops(true);
        m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
        auto* addFiles = new QPushButton(tr("Add &files…"), this);
        auto* addFolder = new QPushButton(tr("Add f&older…"), this);
        m_remove = new QPushButton(tr("&Remove"), this);
        m_remove->setEnabled(false);
        auto* buttons = new QVBoxLayout;
        buttons->addWidget(addFiles);
        buttons->addWidget(addFolder);
        buttons->addWidget(m_remove);
        buttons->addStretch(1);
        auto* row = new QHBoxLayout;
        row->addWidget(m_list, 1);
        row->addLayout(buttons);
        auto* into = new QLabel(this);
        into->setWordWrap(true);
        into->setTextInteractionFlags(Qt::TextSelectableByMouse);
        into->setText(
            wizard->createsProject()
                ? tr("Into a new project: %1 (created by the import)")
                      .arg(QDir::toNativeSeparators(wizard->projectPath()))
                : tr("Into the project %1").arg(QDir::toNativeSeparators(wizard->projectPath())));
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(row, 1);
        layout->addWidget(into);

        connect(addFiles, &QPushButton::clicked, this, [this] {
            const QStringList files = QFileDialog::getOpenFileNames(
                this, tr("Add data files"), lastDir(),
                tr("Data files (*.csv *.tsv *.txt *.dat);;All files (*)"));
            addPaths(files);
        });
        connect(addFolder, &QPushButton::clicked, this, [this] {
            const QString dir =
                QFileDialog::getExistingDirectory(this, tr("Add a data folder"), lastDir());
            if (!dir.isEmpty()) {
                addPaths({dir});
            }
        });
        connect(m_remove, &QPushButton::clicked, this, [this] {
            qDeleteAll(m_list->selectedItems());
            Q_EMIT completeChanged();
        });
        connect(m_list, &QListWidget::itemSelectionChanged, this,
                [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    }

    void addPaths(const QStringList& paths)
    {
        for (const QString& p : paths) {
            const QString native = QDir::toNativeSeparators(p);
            if (m_list->findItems(native, Qt::MatchExactly).isEmpty()) {
                m_list->addItem(native);
            }
        }
        Q_EMIT completeChanged();
    }

    void setPaths(const QStringList& paths)
    {
        m_list->clear();
        addPaths(paths);
    }

    QStringList paths() const
    {
        QStringList out;
        for (int i = 0; i < m_list->count(); ++i) {
            out << QDir::fromNativeSeparators(m_list->item(i)->text());
        }
        return out;
    }

    bool isComplete() const override { return m_list->count() > 0; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override
    {
        if (event->mimeData()->hasUrls()) {
            event->acceptProposedAction();
        }
    }

    void dropEvent(QDropEvent* event) override
    {
        QStringList paths;
        for (const QUrl& url : event->mimeData()->urls()) {
            if (url.isLocalFile()) {
                paths << url.toLocalFile();
            }
        }
        addPaths(paths);
        event->acceptProposedAction();
    }

private:
    QString lastDir() const
    {
        return m_list->count() > 0
                   ? QFileInfo(paths().constLast()).absolutePath()
                   : QFileInfo(static_cast<ImportWizard*>(wizard())->projectPath()).absolutePath();
    }

    QListWidget* m_list;
    QPushButton* m_remove = nullptr;
};

// ---------------------------------------------------------------------------------------------

/// Page 2: detected formats, a preview of the first rows and the column choice.
class ImportPreviewPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportPreviewPage(ImportWizard* wizard)
        : QWizardPage(wizard)
        , m_format(new QComboBox(this))
        , m_files(new QTreeWidget(this))
        , m_status(new QLabel(this))
        , m_model(new ImportPreviewModel(this))
        , m_table(new QTableView(this))
        , m_columnsBox(new QGroupBox(tr("Columns of CSV files"), this))
        , m_time(new QComboBox(this))
        , m_label(new QComboBox(this))
        , m_values(new QListWidget(this))
        , m_dates(new QComboBox(this))
    {
        setTitle(tr("Check the format and the columns"));
        setSubTitle(tr("Nothing is written until you press Import."));
        setButtonText(QWizard::NextButton, tr("&Import"));
        for (const auto f : {core::DataFormat::Auto, core::DataFormat::Csv, core::DataFormat::Yahoo,
                             core::DataFormat::Smd, core::DataFormat::Nab, core::DataFormat::Ucr}) {
            m_format->addItem(formatText(f), static_cast<int>(f));
        }
        m_files->setColumnCount(2);
        m_files->setHeaderLabels({tr("File"), tr("Format")});
        m_files->setRootIsDecorated(false);
        m_files->header()->setStretchLastSection(false);
        m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        m_files->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        m_status->setObjectName(QStringLiteral("importSummary"));
        m_values->setObjectName(QStringLiteral("importValueColumns"));
        m_files->setObjectName(QStringLiteral("importFiles"));
        m_dates->setObjectName(QStringLiteral("importDateOrder"));
        // Dates such as 03/04/2026 read either way; the reader decides from the spacing of the
        // rows and says when it had to guess.
        m_dates->addItem(tr("Detected"), -1);
        m_dates->addItem(tr("Day first (31.12.2026)"), static_cast<int>(core::DateOrder::Dmy));
        m_dates->addItem(tr("Month first (12/31/2026)"), static_cast<int>(core::DateOrder::Mdy));
        // Whole Unix seconds or milliseconds are read as date-times; this keeps the numbers.
        m_dates->addItem(tr("Unix times as numbers (1733047200)"), kUnixTimesAsNumbers);
        m_status->setWordWrap(true);
        m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_table->setModel(m_model);
        m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_table->verticalHeader()->setDefaultSectionSize(
            m_table->fontMetrics().height() + 6); // compact rows: more of the file is visible
        m_values->setFlow(QListView::LeftToRight);
        m_values->setWrapping(true);
        m_values->setResizeMode(QListView::Adjust);
        m_values->setMaximumHeight(m_values->fontMetrics().height() * 4);
        m_values->setSpacing(2);

        auto* formatRow = new QFormLayout;
        formatRow->addRow(tr("&Format:"), m_format);
        auto* columns = new QFormLayout(m_columnsBox);
        columns->addRow(tr("&Timestamp:"), m_time);
        columns->addRow(tr("&Label:"), m_label);
        columns->addRow(tr("&Values:"), m_values);
        columns->addRow(tr("&Dates:"), m_dates);
        m_columnsNote = new QLabel(m_columnsBox);
        m_columnsNote->setWordWrap(true);
        columns->addRow(m_columnsNote);

        auto* top = new QWidget(this);
        auto* topLayout = new QVBoxLayout(top);
        topLayout->setContentsMargins(0, 0, 0, 0);
        topLayout->addLayout(formatRow);
        topLayout->addWidget(m_files);
        auto* bottom = new QWidget(this);
        auto* bottomLayout = new QVBoxLayout(bottom);
        bottomLayout->setContentsMargins(0, 0, 0, 0);
        auto* previewLabel = new QLabel(tr("First rows of the selected file:"), bottom);
        bottomLayout->addWidget(previewLabel);
        bottomLayout->addWidget(m_table, 1);
        bottomLayout->addWidget(m_columnsBox);
        auto* split = new QSplitter(Qt::Vertical, this);
        split->addWidget(top);
        split->addWidget(bottom);
        split->setStretchFactor(0, 1);
        split->setStretchFactor(1, 3);
        split->setChildrenCollapsible(false);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(split, 1);
        layout->addWidget(m_status);

        connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
            if (this->wizard() != nullptr && this->wizard()->currentPage() == this) {
                plan();
            }
        });
        connect(m_files, &QTreeWidget::currentItemChanged, this, [this] { showPreview(); });
        connect(&m_planner, &QFutureWatcher<PlanResult>::finished, this,
                &ImportPreviewPage::onPlanned);
        auto chose = [this] {
            if (!m_filling) {
                m_userColumns = true;
                showPreview();
            }
        };
        // A column read as the timestamp or the label is no value column as well.
        auto choseRole = [this, chose](QComboBox* box) {
            if (!m_filling) {
                uncheckValue(box->currentData().toString());
                chose();
            }
        };
        connect(m_time, &QComboBox::currentIndexChanged, this,
                [this, choseRole] { choseRole(m_time); });
        connect(m_dates, &QComboBox::currentIndexChanged, this, [this] { showPreview(); });
        connect(m_label, &QComboBox::currentIndexChanged, this,
                [this, choseRole] { choseRole(m_label); });
        // A column ticked as values is no longer the timestamp or the label (one role each).
        connect(m_values, &QListWidget::itemChanged, this, [this, chose](QListWidgetItem* item) {
            if (m_filling) {
                return;
            }
            if (item->checkState() == Qt::Checked) {
                const QString column = item->data(Qt::UserRole).toString();
                for (QComboBox* box : {m_time, m_label}) {
                    if (box->currentData().toString() == column) {
                        const QSignalBlocker block(box);
                        box->setCurrentIndex(0); // None
                    }
                }
            }
            chose();
        });
    }

    void initializePage() override
    {
        const QStringList paths = static_cast<ImportWizard*>(wizard())->paths();
        if (paths != m_plannedPaths) {
            m_userColumns = false; // other files: guess their columns afresh
        }
        plan();
    }

    bool isComplete() const override
    {
        return !m_planning && m_planError.isEmpty() && !m_items.empty() && m_previewError.isEmpty();
    }
    bool validatePage() override { return isComplete(); }

    core::DataFormat format() const
    {
        return static_cast<core::DataFormat>(m_format->currentData().toInt());
    }
    void setFormat(core::DataFormat format)
    {
        m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
    }
    const std::vector<core::ImportItem>& items() const { return m_items; }
    ImportPreviewModel* model() const { return m_model; }
    QString errorText() const { return !m_planError.isEmpty() ? m_planError : m_previewError; }

    core::CsvOptions csvOptions() const
    {
        core::CsvOptions o;
        if (const int order = m_dates->currentData().toInt(); order >= 0) {
            o.dateOrder = static_cast<core::DateOrder>(order);
        } else if (order == kUnixTimesAsNumbers) {
            o.unixTimesAsDates = false;
        }
        if (!m_userColumns) {
            return o; // every file's columns detected on their own
        }
        o.timeColumn = m_time->currentData().toString().toStdString();
        o.labelColumn = m_label->currentData().toString().toStdString();
        for (int i = 0; i < m_values->count(); ++i) {
            const QListWidgetItem* item = m_values->item(i);
            if (item->checkState() == Qt::Checked) {
                o.valueColumns.push_back(item->data(Qt::UserRole).toString().toStdString());
            }
        }
        return o;
    }

    void chooseTime(const QString& name) { choose(m_time, name); }
    void chooseLabel(const QString& name) { choose(m_label, name); }
    void chooseValues(const QStringList& names)
    {
        {
            const QSignalBlocker block(m_values);
            for (int i = 0; i < m_values->count(); ++i) {
                QListWidgetItem* item = m_values->item(i);
                item->setCheckState(names.contains(item->data(Qt::UserRole).toString())
                                        ? Qt::Checked
                                        : Qt::Unchecked);
            }
        }
        m_userColumns = true;
        showPreview();
    }

private:
    void choose(QComboBox* box, const QString& name)
    {
        const int i = box->findData(name);
        if (i >= 0) {
            {
                const QSignalBlocker block(box);
                box->setCurrentIndex(i);
            }
            uncheckValue(name);
            m_userColumns = true;
            showPreview();
        }
    }

    void uncheckValue(const QString& name)
    {
        if (name.isEmpty()) {
            return;
        }
        const QSignalBlocker block(m_values);
        for (int i = 0; i < m_values->count(); ++i) {
            QListWidgetItem* item = m_values->item(i);
            if (item->data(Qt::UserRole).toString() == name) {
                item->setCheckState(Qt::Unchecked);
            }
        }
    }

    void plan()
    {
        const QStringList paths = static_cast<ImportWizard*>(wizard())->paths();
        m_plannedPaths = paths;
        std::vector<std::string> list;
        for (const QString& p : paths) {
            list.push_back(p.toStdString());
        }
        m_planning = true;
        m_planError.clear();
        m_previewError.clear();
        m_items.clear();
        m_files->clear();
        m_model->clear();
        m_status->setText(tr("Detecting the format…"));
        setErrorStyle(m_status, false);
        Q_EMIT completeChanged();
        m_planner.setFuture(QtConcurrent::run(planOnPool, list, format()));
    }

    void onPlanned()
    {
        const PlanResult result = m_planner.result();
        m_planning = false;
        m_planError = coreText(result.error);
        m_items = result.items;
        m_files->clear();
        for (const core::ImportItem& item : m_items) {
            auto* row = new QTreeWidgetItem(m_files);
            row->setText(0, QDir::toNativeSeparators(qs(item.path)));
            row->setToolTip(0, row->text(0));
            row->setText(1, formatText(item.format));
        }
        if (!m_planError.isEmpty()) {
            m_status->setText(m_planError);
            setErrorStyle(m_status, true);
        } else if (m_files->topLevelItemCount() > 0) {
            // Preview the first generic CSV: that is where the column choice matters.
            int first = 0;
            for (std::size_t i = 0; i < m_items.size(); ++i) {
                if (m_items[i].format == core::DataFormat::Csv) {
                    first = static_cast<int>(i);
                    break;
                }
            }
            m_files->setCurrentItem(m_files->topLevelItem(first)); // previews it
        }
        if (m_items.empty() && m_planError.isEmpty()) {
            m_status->setText(tr("No data files found."));
        }
        Q_EMIT completeChanged();
        Q_EMIT static_cast<ImportWizard*>(wizard())->previewReady();
    }

    /// Detects the selected file's layout from its first bytes (bounded work, so it runs here)
    /// with the current column choice, and shows it.
    void showPreview()
    {
        const int row = m_files->indexOfTopLevelItem(m_files->currentItem());
        if (row < 0 || row >= static_cast<int>(m_items.size())) {
            return;
        }
        const core::ImportItem& item = m_items[static_cast<std::size_t>(row)];
        const bool csv = item.format == core::DataFormat::Csv;
        const QString file = previewFileOf(item);
        QString error;
        const QByteArray head = readHead(file, &error);
        core::CsvOptions options = csv ? csvOptions() : core::CsvOptions{};
        if (error.isEmpty()) {
            const std::string_view text(head.constData(), static_cast<std::size_t>(head.size()));
            const std::string fileName = QFileInfo(file).fileName().toStdString();
            // Yahoo's loader reads its fixed columns (A3/A4's trend and noise are no channels).
            auto layout = item.format == core::DataFormat::Yahoo
                              ? core::detectYahooLayout(text, fileName)
                              : core::detectCsvLayout(text, fileName, options);
            if (layout) {
                m_model->setLayout(*layout);
            } else {
                error = coreText(layout.error().message);
                m_model->clear();
            }
        } else {
            m_model->clear();
        }
        if (!csv) {
            // This format fixes its columns; the widgets keep the user's CSV choice.
            m_columnsBox->setEnabled(false);
            m_columnsNote->setText(
                tr("This format fixes its columns; there is nothing to choose."));
            m_columnsNote->setVisible(true);
        } else if (!m_userColumns) {
            fillColumnChoice(); // show what detection chose; a user's choice stays as made
        } else {
            m_columnsBox->setEnabled(true);
            m_columnsNote->setVisible(false);
        }
        if (error.isEmpty() && csv && m_userColumns && options.valueColumns.empty()) {
            error = tr("Choose at least one value column.");
        }
        m_previewError = error;
        if (!error.isEmpty()) {
            m_status->setText(error);
            setErrorStyle(m_status, true);
        } else {
            m_status->setText(summaryText());
            setErrorStyle(m_status, false);
        }
        m_table->resizeColumnsToContents();
        Q_EMIT completeChanged();
    }

    QString summaryText() const
    {
        int csvFiles = 0;
        int folders = 0; // the plan keeps SMD folders whole (format Smd); other folders are walked
        for (const auto& item : m_items) {
            csvFiles += item.format == core::DataFormat::Csv ? 1 : 0;
            folders += item.format == core::DataFormat::Smd ? 1 : 0;
        }
        const int files = static_cast<int>(m_items.size()) - folders;
        QString text;
        if (folders == 0) {
            text = tr("%n file(s) to import.", nullptr, files);
        } else {
            text = tr("%n SMD folder(s) to import, one series per machine.", nullptr, folders);
            if (files > 0) {
                text += QLatin1Char(' ') + tr("And %n file(s).", nullptr, files);
            }
        }
        if (csvFiles > 1) {
            text += QLatin1Char(' ') +
                    (m_userColumns ? tr("The column choice applies to every CSV file by name.")
                                   : tr("The columns of each CSV file are detected on their own."));
        }
        return text;
    }

    /// Refills the column widgets from the preview's layout (the detected roles) of a CSV file.
    /// A column is chosen by its name, the same in every CSV file; by position ("col3") when the
    /// header names two columns alike.
    void fillColumnChoice()
    {
        m_filling = true;
        const QSignalBlocker b1(m_time);
        const QSignalBlocker b2(m_label);
        const QSignalBlocker b3(m_values);
        const core::CsvLayout& layout = m_model->layout();
        m_time->clear();
        m_label->clear();
        m_values->clear();
        m_time->addItem(tr("None (row number)"), QString());
        m_label->addItem(tr("None"), QString());
        for (std::size_t i = 0; i < layout.columns.size(); ++i) {
            const QString name = qs(layout.columns[i]);
            const bool shared =
                std::count(layout.columns.begin(), layout.columns.end(), layout.columns[i]) > 1;
            const QString address = shared ? QStringLiteral("col%1").arg(i + 1) : name;
            const QString shown = shared ? tr("%1 (column %2)").arg(name).arg(i + 1) : name;
            m_time->addItem(shown, address);
            m_label->addItem(shown, address);
            auto* item = new QListWidgetItem(shown, m_values);
            item->setData(Qt::UserRole, address);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            const auto& v = layout.valueColumns;
            item->setCheckState(std::find(v.begin(), v.end(), static_cast<int>(i)) != v.end()
                                    ? Qt::Checked
                                    : Qt::Unchecked);
        }
        m_time->setCurrentIndex(layout.timeColumn + 1);
        m_label->setCurrentIndex(layout.labelColumn + 1);
        m_columnsBox->setEnabled(!layout.columns.empty());
        m_columnsNote->setVisible(false);
        m_filling = false;
    }

    QComboBox* m_format;
    QTreeWidget* m_files;
    QLabel* m_status;
    ImportPreviewModel* m_model;
    QTableView* m_table;
    QGroupBox* m_columnsBox;
    QComboBox* m_time;
    QComboBox* m_label;
    QListWidget* m_values;
    QComboBox* m_dates;
    QLabel* m_columnsNote = nullptr;
    QFutureWatcher<PlanResult> m_planner;
    QStringList m_plannedPaths;
    std::vector<core::ImportItem> m_items;
    QString m_planError;
    QString m_previewError;
    bool m_planning = false;
    bool m_userColumns = false; ///< the user chose columns: they apply to every CSV file
    bool m_filling = false;
};

// ---------------------------------------------------------------------------------------------

/// Page 3: the import itself, on a worker thread, with progress and cancel.
class ImportRunPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportRunPage(ImportWizard* wizard)
        : QWizardPage(wizard)
        , m_phase(new QLabel(this))
        , m_progress(new QProgressBar(this))
        , m_result(new QLabel(this))
        , m_runner(new JobRunner(QStringLiteral("vigil-import"), this))
    {
        setTitle(tr("Import"));
        setSubTitle(tr("All or nothing: if anything fails, the project stays as it was."));
        m_progress->setRange(0, 1000);
        m_result->setWordWrap(true);
        m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_phase);
        layout->addWidget(m_progress);
        layout->addSpacing(12);
        layout->addWidget(m_result, 1);

        connect(m_runner, &JobRunner::progress, this,
                [this](double fraction, const QString& phase) {
                    m_progress->setValue(static_cast<int>(fraction * 1000.0));
                    m_phase->setText(phase);
                });
        connect(m_runner, &JobRunner::finished, this, &ImportRunPage::onFinished);
        connect(m_runner, &JobRunner::failed, this, &ImportRunPage::onFailed);
        connect(m_runner, &JobRunner::cancelled, this, &ImportRunPage::onCancelled);
    }

    void initializePage() override
    {
        m_done = false;
        m_progress->setValue(0);
        m_phase->setText(tr("Starting…"));
        m_result->clear();
        setErrorStyle(m_result, false);
        // Queued: QWizard updates its buttons after this returns; the Back button must be
        // disabled after that.
        QMetaObject::invokeMethod(this, &ImportRunPage::start, Qt::QueuedConnection);
    }

    bool isComplete() const override { return m_done; }
    bool isRunning() const { return m_runner->isRunning(); }
    void cancel() { m_runner->cancel(); }
    QString errorText() const { return m_error; }

private:
    ImportWizard* importWizard() const { return static_cast<ImportWizard*>(wizard()); }

    void start()
    {
        ImportWizard* w = importWizard();
        if (w->currentPage() != this || m_runner->isRunning()) {
            return;
        }
        m_error.clear();
        m_runner->start(
            makeImportJob(w->projectPath(), w->createsProject(), w->items(), w->csvOptions()));
        setButtonsWhileRunning(true);
    }

    void setButtonsWhileRunning(bool running)
    {
        if (QAbstractButton* back = wizard()->button(QWizard::BackButton)) {
            back->setEnabled(!running);
        }
        if (QAbstractButton* cancel = wizard()->button(QWizard::CancelButton)) {
            cancel->setText(running ? tr("&Stop") : tr("Cancel"));
        }
    }

    void onFinished(const QVariant& value)
    {
        const auto summary = value.value<ImportSummary>();
        importWizard()->m_summary = summary;
        m_done = true;
        m_progress->setValue(1000);
        m_phase->setText(tr("Done."));
        const QString text = tr("Imported %n series (%1 points, %2 labels) into %3.", nullptr,
                                static_cast<int>(summary.series.size()))
                                 .arg(QLocale().toString(static_cast<qlonglong>(summary.points)))
                                 .arg(QLocale().toString(static_cast<qlonglong>(summary.labels)))
                                 .arg(QDir::toNativeSeparators(importWizard()->projectPath()));
        QStringList notes;
        for (const QString& note : summary.notes) {
            notes << coreText(note);
        }
        m_result->setText(
            notes.isEmpty() ? text : text + QLatin1Char('\n') + notes.join(QLatin1Char('\n')));
        Q_EMIT completeChanged(); // enables Finish (and Back: disabled again below)
        setButtonsWhileRunning(false);
        // Done: importing the same files again would only fail on the names.
        if (QAbstractButton* back = wizard()->button(QWizard::BackButton)) {
            back->setEnabled(false);
        }
        if (QAbstractButton* cancel = wizard()->button(QWizard::CancelButton)) {
            cancel->setEnabled(false);
        }
        Q_EMIT importWizard()->imported(summary);
    }

    void onFailed(const QString& message)
    {
        m_error = message; // JobRunner put core's phrases into the user's language
        m_phase->setText(tr("The import failed."));
        m_result->setText(m_error + QLatin1Char('\n') +
                          tr("Go back to change the files or the columns."));
        setErrorStyle(m_result, true);
        Q_EMIT completeChanged();
        setButtonsWhileRunning(false);
        Q_EMIT importWizard()->importFailed(message);
    }

    void onCancelled()
    {
        m_error = tr("Import cancelled. Nothing was imported; the project is unchanged.");
        m_phase->setText(tr("Cancelled."));
        m_result->setText(m_error);
        Q_EMIT completeChanged();
        setButtonsWhileRunning(false);
        Q_EMIT importWizard()->importCancelled();
    }

    QLabel* m_phase;
    QProgressBar* m_progress;
    QLabel* m_result;
    JobRunner* m_runner;
    QString m_error;
    bool m_done = false;
};

// ---------------------------------------------------------------------------------------------

ImportWizard::ImportWizard(const QString& projectPath, bool createProject, QWidget* parent)
    : QWizard(parent)
    , m_projectPath(projectPath)
    , m_createProject(createProject)
{
    setWindowTitle(tr("Import data"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    m_filesPage = new ImportFilesPage(this);
    m_previewPage = new ImportPreviewPage(this);
    m_runPage = new ImportRunPage(this);
    setPage(FilesPageId, m_filesPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(RunPageId, m_runPage);
    setStartId(FilesPageId);
    resize(860, 640);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setPaths(const QStringList& paths)
{
    m_filesPage->setPaths(paths);
}

QStringList ImportWizard::paths() const
{
    return m_filesPage->paths();
}

void ImportWizard::setFormat(core::DataFormat format)
{
    m_previewPage->setFormat(format);
}

core::DataFormat ImportWizard::format() const
{
    return m_previewPage->format();
}

const std::vector<core::ImportItem>& ImportWizard::items() const
{
    return m_previewPage->items();
}

ImportPreviewModel* ImportWizard::previewModel() const
{
    return m_previewPage->model();
}

void ImportWizard::setTimeColumn(const QString& name)
{
    m_previewPage->chooseTime(name);
}

void ImportWizard::setLabelColumn(const QString& name)
{
    m_previewPage->chooseLabel(name);
}

void ImportWizard::setValueColumns(const QStringList& names)
{
    m_previewPage->chooseValues(names);
}

core::CsvOptions ImportWizard::csvOptions() const
{
    return m_previewPage->csvOptions();
}

QString ImportWizard::errorText() const
{
    if (currentId() == RunPageId) {
        return m_runPage->errorText();
    }
    return currentId() == PreviewPageId ? m_previewPage->errorText() : QString();
}

bool ImportWizard::isImporting() const
{
    return m_runPage->isRunning();
}

void ImportWizard::reject()
{
    if (m_runPage->isRunning()) {
        m_runPage->cancel(); // the page reports "cancelled"; a second Cancel closes
        return;
    }
    QWizard::reject();
}

} // namespace vigil::ui

#include "import_wizard.moc"
