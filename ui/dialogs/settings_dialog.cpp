// SPDX-License-Identifier: MIT
#include "dialogs/settings_dialog.h"

#include "core_text.h"
#include "models/shortcut_model.h"
#include "plot/palette.h"
#include "shortcuts.h"
#include "vigil/llm.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <functional>

namespace vigil::ui {
namespace {

const QString kLanguageKey = QStringLiteral("ui/language");

/// Records one key combination and reports it at once (QKeySequenceEdit alone waits a second
/// for up to four).
class SingleKeyEdit : public QKeySequenceEdit
{
public:
    using QKeySequenceEdit::QKeySequenceEdit;
    std::function<void()> onKey;

protected:
    void keyPressEvent(QKeyEvent* event) override
    {
        QKeySequenceEdit::keyPressEvent(event);
        if (!keySequence().isEmpty() && onKey) {
            onKey();
        }
    }
};

/// Edits a key in place: the first key combination pressed is the new key (Escape cancels).
class KeyDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& /*option*/,
                          const QModelIndex& /*index*/) const override
    {
        auto* editor = new SingleKeyEdit(parent);
        editor->setObjectName(QStringLiteral("keyEditor"));
        auto* self = const_cast<KeyDelegate*>(this); // its signals are not const
        editor->onKey = [self, editor] {
            Q_EMIT self->commitData(editor);
            Q_EMIT self->closeEditor(editor);
        };
        return editor;
    }

    void setEditorData(QWidget* /*editor*/, const QModelIndex& /*index*/) const override
    {
        // Starts empty: it waits for the new key rather than showing the old one.
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override
    {
        const QKeySequence key = static_cast<QKeySequenceEdit*>(editor)->keySequence();
        if (!key.isEmpty()) {
            // One combination: QKeySequenceEdit would wait for up to four.
            model->setData(index, QVariant::fromValue(QKeySequence(key[0])), Qt::EditRole);
        }
    }

protected:
    bool eventFilter(QObject* object, QEvent* event) override
    {
        // Every key but Escape is a candidate key (Enter and Tab included), so the editor gets
        // them instead of the view's editing keys.
        if (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) {
            if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape &&
                event->type() == QEvent::KeyPress) {
                Q_EMIT closeEditor(static_cast<QWidget*>(object), NoHint);
                return true;
            }
            return false;
        }
        return QStyledItemDelegate::eventFilter(object, event);
    }
};

/// A miniature chart in the chosen palette: labels, three channels and the score band.
class PalettePreview : public QWidget
{
public:
    explicit PalettePreview(QWidget* parent)
        : QWidget(parent)
    {
        setMinimumSize(320, 96);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void setKind(PaletteKind kind)
    {
        m_kind = kind;
        update();
    }

protected:
    void paintEvent(QPaintEvent* /*event*/) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF r = QRectF(rect()).adjusted(1, 1, -1, -1);
        p.fillRect(r, Qt::white);
        p.setPen(QPen(QColor(0xc0, 0xc0, 0xc0), 1));
        p.drawRect(r);
        auto labelRect = [&](double x0, double x1, int classId) {
            const QColor c = Palette::labelClass(m_kind, classId);
            QColor fill = c;
            fill.setAlpha(classId == 1 ? 70 : 30);
            const QRectF area(r.left() + r.width() * x0, r.top(), r.width() * (x1 - x0),
                              r.height());
            p.fillRect(area, fill);
            p.setPen(QPen(c, 1.5));
            p.drawRect(area);
        };
        labelRect(0.55, 0.68, 1);
        labelRect(0.15, 0.30, 2);
        // The score as the chart draws it: a line, high at the anomaly, and the strip along the
        // bottom, its colour ramp from nothing to the score colour.
        const QColor scoreColour = Palette::score(m_kind);
        constexpr double kStrip = 6.0;
        QPainterPath scoreLine;
        for (int i = 0; i <= 100; ++i) {
            const double t = i / 100.0;
            const double s = 0.08 + 0.5 * std::exp(-std::pow((t - 0.615) / 0.05, 2.0));
            const QPointF at(r.left() + r.width() * t,
                             r.bottom() - kStrip - s * (r.height() - kStrip) * 0.6);
            i == 0 ? scoreLine.moveTo(at) : scoreLine.lineTo(at);
            if (i < 100) {
                // Whole pixels, edge to edge: overlapping translucent cells would show seams.
                QColor cell = scoreColour;
                cell.setAlphaF(std::min(1.0, s / 0.58));
                const int x0 = qRound(at.x());
                const int x1 = qRound(r.left() + r.width() * (i + 1) / 100.0);
                p.fillRect(QRect(x0, qRound(r.bottom() - kStrip), x1 - x0, int(kStrip)), cell);
            }
        }
        p.setPen(QPen(scoreColour, 1.0));
        p.drawPath(scoreLine);
        for (int c = 0; c < 4; ++c) {
            QPainterPath line;
            for (int i = 0; i <= 120; ++i) {
                const double t = i / 120.0;
                double y = 0.5 * std::sin(t * 14.0 + c * 1.3) + 0.2 * std::sin(t * 37.0 + c);
                if (c == 0 && std::abs(t - 0.615) < 0.02) {
                    y -= 1.4; // the anomaly
                }
                const QPointF pt(r.left() + r.width() * t,
                                 r.top() + r.height() * (0.2 + 0.14 * c) + y * 8.0);
                if (i == 0) {
                    line.moveTo(pt);
                } else {
                    line.lineTo(pt);
                }
            }
            p.setPen(QPen(Palette::channel(m_kind, c), 1.4));
            p.drawPath(line);
        }
    }

private:
    PaletteKind m_kind = PaletteKind::Default;
};

QLabel* noteLabel(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    // Softer than the fields' labels, still well above the contrast a disabled text gets.
    QPalette pal = l->palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor back = pal.color(QPalette::Window);
    pal.setColor(QPalette::WindowText, QColor((text.red() * 7 + back.red() * 3) / 10,
                                              (text.green() * 7 + back.green() * 3) / 10,
                                              (text.blue() * 7 + back.blue() * 3) / 10));
    l->setPalette(pal);
    return l;
}

} // namespace

SettingsDialog::SettingsDialog(core::Project* project, QWidget* parent)
    : QDialog(parent)
    , m_project(project)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(createLlmPage(), tr("&LLM"));
    m_tabs->addTab(createKeysPage(), tr("&Keys"));
    m_tabs->addTab(createAppearancePage(), tr("&Appearance"));
    layout->addWidget(m_tabs, 1);
    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) {
            accept();
        }
    });
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { apply(); });
    connect(&m_probe, &QFutureWatcher<LlmProbeResult>::finished, this,
            &SettingsDialog::onProbeFinished);
    resize(680, 560);
}

SettingsDialog::~SettingsDialog()
{
    if (m_probe.isRunning()) {
        m_probeCancel->requestCancel();
        m_probe.waitForFinished(); // the transport polls the token every 50 ms
    }
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(static_cast<int>(page));
}

// --- LLM ---

QWidget* SettingsDialog::createLlmPage()
{
    auto* page = new QWidget(this);
    auto* outer = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_provider = new QComboBox(page);
    m_provider->addItem(tr("built-in (no LLM)"), // core::kBuiltinDisplayName, translated
                        QStringLiteral("builtin"));
    m_provider->addItem(tr("OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM, LM Studio, …)"),
                        QStringLiteral("openai-compatible"));
    m_provider->addItem(tr("replay (answers from this project's cache only)"),
                        QStringLiteral("replay"));
    form->addRow(tr("&Provider:"), m_provider);
    m_providerNote = noteLabel(page);
    form->addRow(QString(), m_providerNote);

    m_baseUrl = new QLineEdit(page);
    m_baseUrl->setPlaceholderText(defaultLlmBaseUrl());
    m_baseUrl->setClearButtonEnabled(true);
    form->addRow(tr("&Base URL:"), m_baseUrl);

    auto* modelRow = new QHBoxLayout;
    m_model = new QComboBox(page);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_model->lineEdit()->setPlaceholderText(tr("the server's default"));
    m_refreshModels = new QPushButton(tr("&Refresh models"), page);
    m_refreshModels->setToolTip(tr("List the models the server offers (GET /models)"));
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refreshModels);
    auto* modelLabel = new QLabel(tr("&Model:"), page);
    modelLabel->setBuddy(m_model);
    form->addRow(modelLabel, modelRow);

    m_apiKey = new QLineEdit(page);
    m_apiKey->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_apiKey->setClearButtonEnabled(true);
    form->addRow(tr("API &key:"), m_apiKey);
    m_apiKeyNote = noteLabel(page);
    form->addRow(QString(), m_apiKeyNote);

    m_timeout = new QDoubleSpinBox(page);
    m_timeout->setRange(1.0, 3600.0);
    m_timeout->setDecimals(0);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long to wait for each reply"));
    form->addRow(tr("&Timeout:"), m_timeout);
    outer->addLayout(form);

    auto* testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test &connection"), page);
    m_test->setToolTip(tr("Ask the server for its models, in the background"));
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    outer->addLayout(testRow);
    m_testResult = new QLabel(page);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_testResult);
    outer->addStretch(1);

    // Values: the project's (provider, URL, model), the user's (key, timeout).
    LlmProjectSettings values;
    if (m_project) {
        values = loadLlmProjectSettings(*m_project);
    }
    const int at = m_provider->findData(values.provider);
    m_provider->setCurrentIndex(at >= 0 ? at : 0);
    m_baseUrl->setText(values.baseUrl);
    m_model->setEditText(values.model);
    m_timeout->setValue(llmTimeoutSeconds());
    if (apiKeyFromEnvironmentSet()) {
        m_apiKey->setEnabled(false);
        m_apiKey->setPlaceholderText(tr("set by the environment"));
        m_apiKeyNote->setText(tr("The environment variable VIGIL_LLM_API_KEY is set and is used "
                                 "instead of this field."));
    } else {
        m_apiKey->setText(storedApiKey());
        m_apiKey->setPlaceholderText(tr("none (local servers need none)"));
        m_apiKeyNote->setText(tr("Kept in your user settings on this computer, never in the "
                                 "project file. VIGIL_LLM_API_KEY, when set, overrides it."));
    }

    connect(m_provider, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateLlmEnabled);
    connect(m_test, &QPushButton::clicked, this, [this] { startProbe(false); });
    connect(m_refreshModels, &QPushButton::clicked, this, [this] { startProbe(true); });
    updateLlmEnabled();
    return page;
}

QString SettingsDialog::providerValue() const
{
    return m_provider->currentData().toString();
}

void SettingsDialog::updateLlmEnabled()
{
    const QString provider = providerValue();
    const bool http = provider == QLatin1String("openai-compatible");
    const bool hasProject = m_project != nullptr;
    m_provider->setEnabled(hasProject);
    m_baseUrl->setEnabled(hasProject && http);
    m_model->setEnabled(hasProject && provider != QLatin1String("builtin"));
    m_refreshModels->setEnabled(hasProject && http && !m_probe.isRunning());
    m_test->setEnabled(hasProject && http && !m_probe.isRunning());
    m_timeout->setEnabled(http);
    if (!hasProject) {
        m_providerNote->setText(tr("No project is open. The provider, URL and model are kept in "
                                   "each project: open one to change them."));
    } else if (provider == QLatin1String("builtin")) {
        m_providerNote->setText(tr("Offline and deterministic: writes potentials from the "
                                   "series' statistics and your labels. Needs no model."));
    } else if (provider == QLatin1String("replay")) {
        m_providerNote->setText(tr("Answers only from the replies stored in this project, "
                                   "e.g. to review it on a machine without a model. The model "
                                   "name, when given, narrows the lookup."));
    } else {
        m_providerNote->setText(tr("Any server that speaks the OpenAI chat-completions API: "
                                   "Ollama, llama.cpp's llama-server, vLLM, LM Studio, or a "
                                   "hosted service."));
    }
}

void SettingsDialog::startProbe(bool listOnly)
{
    if (m_probe.isRunning()) {
        return;
    }
    const QString url =
        m_baseUrl->text().trimmed().isEmpty() ? defaultLlmBaseUrl() : m_baseUrl->text().trimmed();
    const QString key = apiKeyFromEnvironmentSet() ? effectiveApiKey() : m_apiKey->text();
    m_probeListOnly = listOnly;
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(listOnly ? tr("Asking %1 for its models…").arg(url)
                                   : tr("Connecting to %1…").arg(url));
    m_probeCancel = std::make_shared<core::CancelToken>();
    m_probe.setFuture(QtConcurrent::run(probeLlmEndpoint, url, key, m_timeout->value(),
                                        std::shared_ptr<const core::CancelToken>(m_probeCancel)));
    updateLlmEnabled();
}

void SettingsDialog::onProbeFinished()
{
    const LlmProbeResult r = m_probe.result();
    updateLlmEnabled();
    if (!r.ok) {
        m_testResult->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_testResult->setText(tr("Connection failed: %1").arg(coreText(r.error)));
        Q_EMIT probeFinished(false);
        return;
    }
    // The list offers what the server has; what was typed stays.
    const QString typed = m_model->currentText();
    m_model->clear();
    m_model->addItems(r.models);
    m_model->setEditText(typed);
    QString text =
        m_probeListOnly
            ? tr("Models found: %1.").arg(r.models.size())
            : tr("Connected in %1 ms. Models found: %2.").arg(r.latencyMs).arg(r.models.size());
    if (!r.models.isEmpty()) {
        QStringList shown = r.models.mid(0, 8);
        if (r.models.size() > shown.size()) {
            shown << QStringLiteral("…");
        }
        text += QLatin1Char('\n') + shown.join(QStringLiteral(", "));
    }
    if (!typed.isEmpty() && !r.models.contains(typed)) {
        text += QLatin1Char('\n') + tr("The model “%1” is not among them.").arg(typed);
    }
    m_testResult->setStyleSheet(QStringLiteral("color: #1b7a3a;"));
    m_testResult->setText(text);
    Q_EMIT probeFinished(true);
}

// --- keys ---

QWidget* SettingsDialog::createKeysPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* hint = noteLabel(page);
    hint->setText(tr("Double-click a key (or select it and press F2), then press the new key. "
                     "Escape cancels. Keys of the queue, the detections and the chart's arrows "
                     "only act while that part has the focus, so they may share a key."));
    layout->addWidget(hint);
    m_keys = new ShortcutModel(this);
    m_keyView = new QTreeView(page);
    m_keyView->setObjectName(QStringLiteral("shortcutView"));
    m_keyView->setModel(m_keys);
    m_keyView->setItemDelegateForColumn(ShortcutModel::KeyColumn, new KeyDelegate(m_keyView));
    m_keyView->setEditTriggers(QAbstractItemView::DoubleClicked |
                               QAbstractItemView::EditKeyPressed |
                               QAbstractItemView::SelectedClicked);
    m_keyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keyView->setUniformRowHeights(true);
    m_keyView->setAlternatingRowColors(true);
    m_keyView->expandAll();
    m_keyView->header()->setStretchLastSection(false);
    m_keyView->header()->setSectionResizeMode(ShortcutModel::ActionColumn, QHeaderView::Stretch);
    m_keyView->header()->setSectionResizeMode(ShortcutModel::KeyColumn,
                                              QHeaderView::ResizeToContents);
    m_keyView->header()->setSectionResizeMode(ShortcutModel::DefaultColumn,
                                              QHeaderView::ResizeToContents);
    layout->addWidget(m_keyView, 1);
    // Rows are selected whole, and the arrow keys left the current cell in the Action column,
    // which cannot be edited, so F2 did nothing: the current cell follows to the row's key.
    connect(m_keyView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QModelIndex key = current.siblingAtColumn(ShortcutModel::KeyColumn);
                if (current.column() != ShortcutModel::KeyColumn &&
                    (m_keys->flags(key) & Qt::ItemIsEditable) != 0) {
                    QMetaObject::invokeMethod(
                        m_keyView,
                        [view = m_keyView, key = QPersistentModelIndex(key)] {
                            if (key.isValid()) {
                                view->selectionModel()->setCurrentIndex(
                                    key, QItemSelectionModel::NoUpdate);
                            }
                        },
                        Qt::QueuedConnection);
                }
            });
    m_conflicts = new QLabel(page);
    m_conflicts->setObjectName(QStringLiteral("conflicts"));
    m_conflicts->setWordWrap(true);
    m_conflicts->setTextFormat(Qt::PlainText);
    m_conflicts->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_conflicts);
    auto* buttons = new QHBoxLayout;
    m_resetKey = new QPushButton(tr("&Default key"), page);
    m_resetKey->setToolTip(tr("Give the selected action its default key"));
    m_clearKey = new QPushButton(tr("&No key"), page);
    m_clearKey->setToolTip(tr("Remove the selected action's key"));
    m_restoreKeys = new QPushButton(tr("Restore &all defaults"), page);
    buttons->addWidget(m_resetKey);
    buttons->addWidget(m_clearKey);
    buttons->addStretch(1);
    buttons->addWidget(m_restoreKeys);
    layout->addLayout(buttons);

    auto selectedId = [this] {
        return m_keyView->currentIndex().data(ShortcutModel::IdRole).toString();
    };
    connect(m_resetKey, &QPushButton::clicked, this, [this, selectedId] {
        if (const ShortcutDef* def = Shortcuts::instance().find(selectedId())) {
            m_keys->setPendingKey(def->id, def->defaultKey);
        }
    });
    connect(m_clearKey, &QPushButton::clicked, this,
            [this, selectedId] { m_keys->setPendingKey(selectedId(), QKeySequence()); });
    connect(m_restoreKeys, &QPushButton::clicked, m_keys, &ShortcutModel::restoreDefaults);
    connect(m_keys, &ShortcutModel::conflictsChanged, this, &SettingsDialog::updateConflicts);
    auto updateButtons = [this, selectedId] {
        const bool action = !selectedId().isEmpty();
        m_resetKey->setEnabled(action);
        m_clearKey->setEnabled(action);
    };
    connect(m_keyView->selectionModel(), &QItemSelectionModel::currentChanged, this, updateButtons);
    updateButtons();
    updateConflicts();
    return page;
}

void SettingsDialog::updateConflicts()
{
    const QStringList lines = m_keys->conflictDescriptions();
    m_conflicts->setVisible(!lines.isEmpty());
    m_conflicts->setText(lines.isEmpty() ? QString()
                                         : tr("Conflicts (give one of each pair another key):") +
                                               QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
}

// --- appearance ---

QWidget* SettingsDialog::createAppearancePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* form = new QFormLayout;
    m_language = new QComboBox(page);
    m_language->addItem(tr("System default"), QStringLiteral("system"));
    // Each language in its own name, so it can be found whatever the current one.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    const int lang = m_language->findData(QSettings().value(kLanguageKey).toString());
    m_language->setCurrentIndex(lang >= 0 ? lang : 0);
    form->addRow(tr("&Language:"), m_language);
    m_languageNote = noteLabel(page);
    m_languageNote->setText(tr("A new language takes effect when Vigil starts again."));
    form->addRow(QString(), m_languageNote);
    layout->addLayout(form);

    m_colourBlind = new QCheckBox(tr("&Colour-blind-safe palette"), page);
    m_colourBlind->setChecked(Palette::instance().kind() == PaletteKind::ColourBlind);
    layout->addWidget(m_colourBlind);
    auto* note = noteLabel(page);
    note->setText(tr("Channels, label classes and the anomaly score in colours that stay "
                     "distinct with protanopia, deuteranopia and tritanopia (Okabe–Ito and "
                     "Tol colours; the score in black). Applied to the charts at once."));
    layout->addWidget(note);
    auto* preview = new PalettePreview(page);
    preview->setKind(Palette::instance().kind());
    m_palettePreview = preview;
    layout->addWidget(preview);
    layout->addStretch(1);
    connect(m_colourBlind, &QCheckBox::toggled, this, [preview](bool on) {
        preview->setKind(on ? PaletteKind::ColourBlind : PaletteKind::Default);
    });
    return page;
}

// --- saving ---

bool SettingsDialog::apply()
{
    if (!m_applyError.isEmpty() && m_testResult->text() == m_applyError) {
        m_testResult->clear(); // the previous refusal; this apply says anew what is wrong
        m_testResult->setStyleSheet(QString());
    }
    m_applyError.clear();
    // Check everything first: a refused apply saves nothing.
    if (!m_keys->conflicts().isEmpty()) {
        m_applyError = tr("Some keys clash; give one of each pair another key.");
        showPage(KeysPage);
        m_conflicts->setFocus();
        return false;
    }
    LlmProjectSettings llm;
    if (m_project) {
        llm.provider = providerValue();
        llm.baseUrl = m_baseUrl->text().trimmed();
        llm.model = m_model->currentText().trimmed();
        // The built-in analyst uses no URL: a half-typed one in its greyed-out field does not
        // block saving (it is checked when a provider that uses it is chosen).
        if (!llm.baseUrl.isEmpty() && llm.provider != QLatin1String("builtin")) {
            const QUrl url(llm.baseUrl, QUrl::StrictMode);
            const bool web =
                url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
            if (!url.isValid() || url.host().isEmpty() || !web) {
                m_applyError =
                    web ? tr("The base URL %1 is not a valid address: check the host name and "
                             "the port (1–65535).")
                              .arg(llm.baseUrl)
                        : tr("The base URL must be an http:// or https:// address, e.g. %1.")
                              .arg(defaultLlmBaseUrl());
                m_testResult->setStyleSheet(QStringLiteral("color: #b00020;"));
                m_testResult->setText(m_applyError);
                showPage(LlmPage);
                m_baseUrl->setFocus();
                return false;
            }
        }
        if (const QString error = saveLlmProjectSettings(*m_project, llm); !error.isEmpty()) {
            m_applyError = tr("Could not save the LLM settings in the project: %1").arg(error);
            m_testResult->setStyleSheet(QStringLiteral("color: #b00020;"));
            m_testResult->setText(m_applyError);
            showPage(LlmPage);
            return false;
        }
    }
    if (!apiKeyFromEnvironmentSet()) {
        storeApiKey(m_apiKey->text());
    }
    storeLlmTimeoutSeconds(m_timeout->value());
    Shortcuts::instance().setKeys(m_keys->pendingKeys());
    QSettings().setValue(kLanguageKey, m_language->currentData().toString());
    Palette::instance().setKind(m_colourBlind->isChecked() ? PaletteKind::ColourBlind
                                                           : PaletteKind::Default);
    Q_EMIT applied();
    return true;
}

} // namespace vigil::ui
