// SPDX-License-Identifier: MIT
// The keys of every labelling and navigation action (UX.md "Gestures and keys"), in one place:
// the chart, the docks and the main window ask this registry for their keys and follow it when
// the user remaps one in Settings, so a change applies at once. Remapped keys live in the
// user's QSettings under keys/<action-id>; actions at their default key store nothing.
//
// Thread rules: GUI thread only.
#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

#include <vector>

class QAction;
class QWidget;

namespace vigil::ui {

/// Where an action's key is live: Window keys work anywhere in the main window; the others
/// only while that part has the keyboard focus, so the same key may serve several of them
/// (A in the queue and in the detections, ← on the chart and in the queue).
enum class ShortcutScope { Window, Chart, Queue, Detections, Suggestions };

/// One remappable action.
struct ShortcutDef
{
    QString id; ///< stable settings key, e.g. "queue.anomalous"
    QKeySequence defaultKey;
    const char* category = nullptr;    ///< untranslated; see Shortcuts::categoryName()
    const char* description = nullptr; ///< untranslated; "%1" is replaced by `arg`
    ShortcutScope scope = ShortcutScope::Window;
    int arg = 0;                    ///< the class number of "Choose class %1"
    QList<QKeySequence> alternates; ///< extra default keys, live while the key is the default
};

/// Two actions that the same key would trigger at the same time.
struct ShortcutConflict
{
    QString first;
    QString second; ///< empty: `key` is reserved (isReservedKey), whatever else has it
    QKeySequence key;
};

/// Keys no action may take because the widgets need them: Space (ticks a box, presses a
/// button), Tab and Shift+Tab (move the focus), Escape, and Alt with a letter or digit (opens a
/// menu or moves to a field). Remapping "fit" to Space stopped Space ticking channels.
bool isReservedKey(const QKeySequence& key);

/// The registry of remappable keys (a process-wide instance).
class Shortcuts : public QObject
{
    Q_OBJECT

public:
    static Shortcuts& instance();

    /// Every action, grouped by category in the order the sheet shows them.
    const std::vector<ShortcutDef>& definitions() const { return m_defs; }
    const ShortcutDef* find(const QString& id) const;

    /// The key in use (the default unless remapped; empty when the user removed it).
    QKeySequence key(const QString& id) const;
    /// Every key that triggers the action: key() plus the alternates while at the default.
    QList<QKeySequence> keys(const QString& id) const;
    /// key() for people: arrows as ←→↑↓, "none" when there is no key.
    QString keyText(const QString& id) const;
    static QString keyText(const QKeySequence& key);

    /// Translated description and category.
    QString description(const QString& id) const;
    static QString description(const ShortcutDef& def);
    static QString categoryName(const ShortcutDef& def);

    /// Remaps several actions at once (one keysChanged); a key equal to the default removes
    /// the stored override. Unknown ids are ignored.
    void setKeys(const QHash<QString, QKeySequence>& keys);
    void setKey(const QString& id, const QKeySequence& key) { setKeys({{id, key}}); }
    /// Every action back to its default key.
    void restoreDefaults();
    /// Reads the stored keys again (after QSettings changed behind the registry's back).
    void reload();

    /// Gives `action` the keys of `id` now and again whenever they change; the action's own
    /// shortcut context is kept.
    void bind(QAction* action, const QString& id);

    /// A new action on `scope` (which owns it), bound to `id` and triggered only while `scope` or
    /// one of its children has focus: the review keys of the docks.
    QAction* addScopedAction(QWidget* scope, const QString& text, const QString& id);
    /// Lets the text and number fields under `scope` keep the keys typing needs (Enter,
    /// Backspace, Delete, Space, arrows, unmodified letters) before a scoped action takes them:
    /// Enter in a dock's number field confirmed the value and accepted a suggestion too. Call
    /// once the scope's fields exist.
    static void keepTypingKeysInFields(QWidget* scope);

    /// Pairs of actions that would share a key in overlapping scopes under `keys` (id → key;
    /// ids missing from it use their current key).
    QList<ShortcutConflict> conflicts(const QHash<QString, QKeySequence>& keys = {}) const;

Q_SIGNALS:
    /// Some keys changed (through setKeys, restoreDefaults or reload).
    void keysChanged();

private:
    Shortcuts();
    QKeySequence stored(const ShortcutDef& def) const;

    std::vector<ShortcutDef> m_defs;
    QHash<QString, int> m_index;
    QHash<QString, QKeySequence> m_overrides; ///< ids remapped away from their default
};

/// True when keys in scopes `a` and `b` can be triggered at the same time.
bool scopesOverlap(ShortcutScope a, ShortcutScope b);

} // namespace vigil::ui
