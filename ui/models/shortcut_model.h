// SPDX-License-Identifier: MIT
#pragma once

#include "shortcuts.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QKeySequence>
#include <QStringList>

#include <vector>

namespace vigil::ui {

/// The Shortcuts registry as a two-level tree for the settings dialog: categories, and under
/// each its actions with their key and default. Edits of the Key column are held here, not
/// applied, until the dialog saves them (pendingKeys()); actions whose key would clash with
/// another's are marked. GUI thread only.
class ShortcutModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { ActionColumn, KeyColumn, DefaultColumn, ColumnCount };
    /// The action id of a row (empty for a category row).
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ShortcutModel(QObject* parent = nullptr);

    /// Every action's key as edited (id → key; an empty key means "no key").
    const QHash<QString, QKeySequence>& pendingKeys() const { return m_keys; }
    QKeySequence pendingKey(const QString& id) const { return m_keys.value(id); }
    /// Sets one action's key (as the Key column's editor does); false for an unknown id.
    bool setPendingKey(const QString& id, const QKeySequence& key);
    /// Every action back to its default (not saved until the dialog applies).
    void restoreDefaults();
    /// Reads the registry's current keys again, dropping edits.
    void reset();

    /// Clashes among the pending keys, and the ids involved.
    const QList<ShortcutConflict>& conflicts() const { return m_conflicts; }
    bool isConflicting(const QString& id) const { return m_conflicting.contains(id); }
    /// One line per clash, for the dialog ("Ctrl+R: Retrain now / Mark the query anomalous").
    QStringList conflictDescriptions() const;

    /// The index of an action's row in `column`.
    QModelIndex indexOf(const QString& id, int column = ActionColumn) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The set of clashes changed.
    void conflictsChanged();

private:
    struct Category
    {
        QString name;
        std::vector<const ShortcutDef*> actions;
    };
    const ShortcutDef* actionAt(const QModelIndex& index) const;
    void updateConflicts();

    std::vector<Category> m_categories;
    QHash<QString, QKeySequence> m_keys;
    QList<ShortcutConflict> m_conflicts;
    QHash<QString, QStringList> m_conflicting; ///< id → the other ids it clashes with
};

} // namespace vigil::ui
