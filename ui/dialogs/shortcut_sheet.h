// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLineEdit;
class QTreeWidget;

namespace vigil::ui {

/// The keyboard shortcut sheet (`?`): every action of the Shortcuts registry with its current
/// key, grouped by category, and the mouse gestures. Generated from the registry and rebuilt
/// whenever a key changes, so it cannot go stale. GUI thread only.
class ShortcutSheet : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutSheet(QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    QLineEdit* filterEdit() const { return m_filter; }
    /// The key text shown for an action id (empty when it is not listed).
    QString shownKey(const QString& id) const;

Q_SIGNALS:
    /// "Change keys…" was pressed.
    void changeKeysRequested();

private:
    void rebuild();
    void applyFilter();

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace vigil::ui
