// SPDX-License-Identifier: MIT
#include "shortcuts.h"

#include "vigil/label.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSettings>
#include <QWidget>

#include <algorithm>
#include <array>

namespace vigil::ui {
namespace {

constexpr const char* kContext = "vigil::ui::Shortcuts";

/// The QSettings key of an action's key.
QString settingName(const QString& id)
{
    return QStringLiteral("keys/") + id;
}

std::vector<ShortcutDef> makeDefinitions()
{
    std::vector<ShortcutDef> defs;
    auto add = [&](const char* id, const QKeySequence& key, const char* category,
                   const char* description, ShortcutScope scope, int arg = 0,
                   QList<QKeySequence> alternates = {}) {
        defs.push_back({QString::fromLatin1(id), key, category, description, scope, arg,
                        std::move(alternates)});
    };
    using S = ShortcutScope;
    const char* modes = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Modes and classes");
    add("chart.mode.label", QKeySequence(Qt::Key_L), modes,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Label mode (drag labels, Shift+drag erases)"),
        S::Window);
    add("chart.mode.explore", QKeySequence(Qt::Key_E), modes,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Explore mode (drag zooms, click explains)"),
        S::Window);
    for (int c = 1; c <= 9; ++c) {
        const QByteArray id = "chart.class." + QByteArray::number(c);
        const char* text = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Label class %1");
        if (c == core::kClassAnomaly) {
            text = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Label class 1 (anomaly)");
        } else if (c == core::kClassNormal) {
            text = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Label class 2 (normal)");
        }
        defs.push_back({QString::fromLatin1(id),
                        QKeySequence(QString::number(c)),
                        modes,
                        text,
                        S::Window,
                        c,
                        {}});
    }

    const char* view = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Chart navigation");
    add("chart.fit", QKeySequence(Qt::Key_Home), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Fit the whole series"), S::Window);
    add("chart.pan.left", QKeySequence(Qt::Key_Left), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Pan left"), S::Chart);
    add("chart.pan.right", QKeySequence(Qt::Key_Right), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Pan right"), S::Chart);
    add("chart.pan.left.big", QKeySequence(Qt::SHIFT | Qt::Key_Left), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Pan left (big step)"), S::Chart);
    add("chart.pan.right.big", QKeySequence(Qt::SHIFT | Qt::Key_Right), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Pan right (big step)"), S::Chart);
    add("chart.zoom.in", QKeySequence(Qt::Key_Up), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Zoom in"), S::Chart);
    add("chart.zoom.out", QKeySequence(Qt::Key_Down), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Zoom out"), S::Chart);
    add("chart.zoom.in.big", QKeySequence(Qt::SHIFT | Qt::Key_Up), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Zoom in (big step)"), S::Chart);
    add("chart.zoom.out.big", QKeySequence(Qt::SHIFT | Qt::Key_Down), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Zoom out (big step)"), S::Chart);
    // With the arrows above, a range is labelled without a mouse: zoom and pan to it, then
    // label (or erase) what is visible.
    add("chart.label.visible", QKeySequence(Qt::Key_Return), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Label the visible range with the current class"),
        S::Chart, 0, {QKeySequence(Qt::Key_Enter)});
    add("chart.erase.visible", QKeySequence(Qt::Key_Delete), view,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Erase the labels of the visible range"),
        S::Chart);

    const char* queue = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Queue");
    add("queue.anomalous", QKeySequence(Qt::Key_A), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Mark the query anomalous"), S::Queue);
    add("queue.normal", QKeySequence(Qt::Key_N), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Mark the query normal"), S::Queue);
    add("queue.skip", QKeySequence(Qt::Key_S), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Skip the query"), S::Queue);
    add("queue.next", QKeySequence(Qt::Key_Right), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Next query"), S::Queue);
    add("queue.previous", QKeySequence(Qt::Key_Left), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Previous query"), S::Queue);
    add("queue.accept", QKeySequence(Qt::Key_Return), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts",
                          "Accept the suggested labels in the query's window"),
        S::Queue, 0, {QKeySequence(Qt::Key_Enter)});
    add("queue.reject", QKeySequence(Qt::Key_Backspace), queue,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts",
                          "Reject the suggested labels in the query's window"),
        S::Queue, 0, {QKeySequence(Qt::Key_Delete)});

    const char* detections = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Detections");
    add("detections.confirm", QKeySequence(Qt::Key_A), detections,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Confirm the detection as an anomaly"),
        S::Detections);
    add("detections.reject", QKeySequence(Qt::Key_N), detections,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Reject the detection as normal"), S::Detections);
    add("detections.next", QKeySequence(Qt::Key_Right), detections,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Next detection"), S::Detections);
    add("detections.previous", QKeySequence(Qt::Key_Left), detections,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Previous detection"), S::Detections);

    const char* suggestions = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Suggestions");
    add("suggestions.accept", QKeySequence(Qt::Key_Return), suggestions,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Accept the selected suggestions"),
        S::Suggestions, 0, {QKeySequence(Qt::Key_Enter)});
    add("suggestions.reject", QKeySequence(Qt::Key_Backspace), suggestions,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Reject the selected suggestions"),
        S::Suggestions, 0, {QKeySequence(Qt::Key_Delete)});

    const char* editing = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Editing and model");
    add("edit.undo", QKeySequence(Qt::CTRL | Qt::Key_Z), editing,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Undo the last label change"), S::Window);
    add("edit.redo", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), editing,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Redo the label change"), S::Window, 0,
        {QKeySequence(Qt::CTRL | Qt::Key_Y)});
    add("model.retrain", QKeySequence(Qt::CTRL | Qt::Key_R), editing,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Retrain now"), S::Window);
    add("model.propagate", QKeySequence(Qt::CTRL | Qt::Key_P), editing,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Propagate labels into suggestions"), S::Window);

    const char* files = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Files");
    add("file.new", QKeySequence(Qt::CTRL | Qt::Key_N), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "New project"), S::Window);
    add("file.open", QKeySequence(Qt::CTRL | Qt::Key_O), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Open a project"), S::Window);
    add("file.import", QKeySequence(Qt::CTRL | Qt::Key_I), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Import data"), S::Window);
    add("file.export", QKeySequence(Qt::CTRL | Qt::Key_E), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Export labelled data"), S::Window);
    add("file.saveCopy", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Save a copy of the project"), S::Window);
    add("file.quit", QKeySequence(Qt::CTRL | Qt::Key_Q), files,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Quit Vigil"), S::Window);

    const char* general = QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "General");
    add("help.shortcuts", QKeySequence(Qt::Key_Question), general,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Show the keyboard shortcuts"), S::Window);
    add("app.settings", QKeySequence(Qt::CTRL | Qt::Key_Comma), general,
        QT_TRANSLATE_NOOP("vigil::ui::Shortcuts", "Open the settings"), S::Window);
    return defs;
}

} // namespace

bool scopesOverlap(ShortcutScope a, ShortcutScope b)
{
    return a == ShortcutScope::Window || b == ShortcutScope::Window || a == b;
}

Shortcuts& Shortcuts::instance()
{
    static auto* registry = new Shortcuts; // lives as long as the process, like qApp's children
    return *registry;
}

Shortcuts::Shortcuts()
    : m_defs(makeDefinitions())
{
    for (std::size_t i = 0; i < m_defs.size(); ++i) {
        m_index.insert(m_defs[i].id, static_cast<int>(i));
    }
    reload();
}

const ShortcutDef* Shortcuts::find(const QString& id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_defs[static_cast<std::size_t>(*it)];
}

QKeySequence Shortcuts::stored(const ShortcutDef& def) const
{
    const QSettings settings;
    const QString name = settingName(def.id);
    if (!settings.contains(name)) {
        return def.defaultKey;
    }
    const QString text = settings.value(name).toString().trimmed();
    if (text.isEmpty()) {
        return {}; // removed on purpose
    }
    const QKeySequence key = QKeySequence::fromString(text, QKeySequence::PortableText);
    for (int i = 0; i < key.count(); ++i) {
        if (key[i].key() == Qt::Key_unknown) {
            return def.defaultKey; // an unreadable entry (edited by hand): the default
        }
    }
    return key.isEmpty() ? def.defaultKey : key;
}

void Shortcuts::reload()
{
    m_overrides.clear();
    for (const ShortcutDef& def : m_defs) {
        const QKeySequence key = stored(def);
        // A reserved key saved by an older Vigil (Space for "fit") keeps its default instead:
        // kept, it would block saving every setting until the analyst found it.
        if (key != def.defaultKey && !isReservedKey(key)) {
            m_overrides.insert(def.id, key);
        }
    }
    Q_EMIT keysChanged();
}

QKeySequence Shortcuts::key(const QString& id) const
{
    const auto it = m_overrides.constFind(id);
    if (it != m_overrides.constEnd()) {
        return *it;
    }
    const ShortcutDef* def = find(id);
    return def ? def->defaultKey : QKeySequence();
}

QList<QKeySequence> Shortcuts::keys(const QString& id) const
{
    const ShortcutDef* def = find(id);
    if (def == nullptr) {
        return {};
    }
    if (m_overrides.contains(id)) {
        const QKeySequence k = m_overrides.value(id);
        return k.isEmpty() ? QList<QKeySequence>{} : QList<QKeySequence>{k};
    }
    return QList<QKeySequence>{def->defaultKey} + def->alternates;
}

QString Shortcuts::keyText(const QString& id) const
{
    return keyText(key(id));
}

QString Shortcuts::keyText(const QKeySequence& key)
{
    if (key.isEmpty()) {
        return QCoreApplication::translate(kContext, "none");
    }
    QStringList parts;
    for (int i = 0; i < key.count(); ++i) {
        const QKeyCombination combo = key[i];
        QString text = QKeySequence(combo).toString(QKeySequence::NativeText);
        QString arrow;
        switch (combo.key()) {
        case Qt::Key_Left:
            arrow = QStringLiteral("←");
            break;
        case Qt::Key_Right:
            arrow = QStringLiteral("→");
            break;
        case Qt::Key_Up:
            arrow = QStringLiteral("↑");
            break;
        case Qt::Key_Down:
            arrow = QStringLiteral("↓");
            break;
        default:
            break;
        }
        const QString bare = QKeySequence(combo.key()).toString(QKeySequence::NativeText);
        if (!arrow.isEmpty() && text.endsWith(bare)) {
            text = text.left(text.size() - bare.size()) + arrow;
        }
        parts << text;
    }
    return parts.join(QStringLiteral(", "));
}

QString Shortcuts::description(const QString& id) const
{
    const ShortcutDef* def = find(id);
    return def ? description(*def) : QString();
}

QString Shortcuts::description(const ShortcutDef& def)
{
    const QString text = QCoreApplication::translate(kContext, def.description);
    return def.arg > 0 && text.contains(QLatin1String("%1")) ? text.arg(def.arg) : text;
}

QString Shortcuts::categoryName(const ShortcutDef& def)
{
    return QCoreApplication::translate(kContext, def.category);
}

void Shortcuts::setKeys(const QHash<QString, QKeySequence>& keys)
{
    QSettings settings;
    bool changed = false;
    for (auto it = keys.constBegin(); it != keys.constEnd(); ++it) {
        const ShortcutDef* def = find(it.key());
        if (def == nullptr) {
            continue;
        }
        const QString name = settingName(def->id);
        if (it.value() == def->defaultKey) {
            settings.remove(name);
            changed = m_overrides.remove(def->id) || changed;
        } else {
            settings.setValue(name, it.value().toString(QKeySequence::PortableText));
            changed = !m_overrides.contains(def->id) || m_overrides.value(def->id) != it.value() ||
                      changed;
            m_overrides.insert(def->id, it.value());
        }
    }
    if (changed) {
        Q_EMIT keysChanged();
    }
}

void Shortcuts::restoreDefaults()
{
    QSettings settings;
    settings.remove(QStringLiteral("keys"));
    const bool changed = !m_overrides.isEmpty();
    m_overrides.clear();
    if (changed) {
        Q_EMIT keysChanged();
    }
}

void Shortcuts::bind(QAction* action, const QString& id)
{
    Q_ASSERT(find(id) != nullptr);
    action->setProperty("vigilShortcutId", id);
    action->setShortcuts(keys(id));
    connect(this, &Shortcuts::keysChanged, action,
            [this, action, id] { action->setShortcuts(keys(id)); });
}

QAction* Shortcuts::addScopedAction(QWidget* scope, const QString& text, const QString& id)
{
    auto* action = new QAction(text, scope);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    bind(action, id);
    scope->addAction(action);
    return action;
}

namespace {

/// Claims the keys typing needs for the field it filters (see keepTypingKeysInFields).
class TypingKeysFilter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            auto* key = static_cast<QKeyEvent*>(event);
            const auto modifiers =
                key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
            static const std::array kEditing{Qt::Key_Return, Qt::Key_Enter, Qt::Key_Backspace,
                                             Qt::Key_Delete, Qt::Key_Space, Qt::Key_Left,
                                             Qt::Key_Right,  Qt::Key_Up,    Qt::Key_Down,
                                             Qt::Key_Home,   Qt::Key_End};
            const bool editing =
                std::find(kEditing.begin(), kEditing.end(), key->key()) != kEditing.end();
            if (modifiers == Qt::NoModifier && (editing || !key->text().isEmpty())) {
                event->accept(); // the field gets the key press; no shortcut fires
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void Shortcuts::keepTypingKeysInFields(QWidget* scope)
{
    auto* filter = new TypingKeysFilter(scope);
    const auto widgets = scope->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        const auto* combo = qobject_cast<QComboBox*>(w);
        if (qobject_cast<QAbstractSpinBox*>(w) != nullptr ||
            qobject_cast<QLineEdit*>(w) != nullptr || (combo != nullptr && combo->isEditable())) {
            w->installEventFilter(filter);
        }
    }
}

bool isReservedKey(const QKeySequence& key)
{
    if (key.isEmpty()) {
        return false;
    }
    const QKeyCombination first = key[0];
    const Qt::KeyboardModifiers mods = first.keyboardModifiers() & ~Qt::KeypadModifier;
    const Qt::Key k = first.key();
    if (mods == Qt::NoModifier || mods == Qt::ShiftModifier) {
        return k == Qt::Key_Space || k == Qt::Key_Tab || k == Qt::Key_Backtab ||
               k == Qt::Key_Escape;
    }
    const bool alnum = (k >= Qt::Key_A && k <= Qt::Key_Z) || (k >= Qt::Key_0 && k <= Qt::Key_9);
    return alnum && (mods == Qt::AltModifier || mods == (Qt::AltModifier | Qt::ShiftModifier));
}

QList<ShortcutConflict> Shortcuts::conflicts(const QHash<QString, QKeySequence>& keys) const
{
    // Every key each action would answer to, the alternates included while at the default.
    std::vector<QList<QKeySequence>> live(m_defs.size());
    for (std::size_t i = 0; i < m_defs.size(); ++i) {
        const ShortcutDef& def = m_defs[i];
        const QKeySequence k = keys.contains(def.id) ? keys.value(def.id) : key(def.id);
        if (k.isEmpty()) {
            continue;
        }
        live[i] << k;
        if (k == def.defaultKey) {
            live[i] << def.alternates;
        }
    }
    QList<ShortcutConflict> out;
    for (std::size_t i = 0; i < m_defs.size(); ++i) {
        for (std::size_t j = i + 1; j < m_defs.size(); ++j) {
            if (!scopesOverlap(m_defs[i].scope, m_defs[j].scope)) {
                continue;
            }
            for (const QKeySequence& k : live[i]) {
                if (live[j].contains(k)) {
                    out.append({m_defs[i].id, m_defs[j].id, k});
                    break;
                }
            }
        }
    }
    for (std::size_t i = 0; i < m_defs.size(); ++i) {
        if (!live[i].isEmpty() && isReservedKey(live[i].front())) {
            out.append({m_defs[i].id, QString(), live[i].front()});
        }
    }
    return out;
}

} // namespace vigil::ui
