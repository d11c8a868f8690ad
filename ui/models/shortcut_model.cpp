// SPDX-License-Identifier: MIT
#include "models/shortcut_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace vigil::ui {
namespace {
// Category rows have internal id 0; action rows carry their category's index + 1.
constexpr quintptr kCategoryRow = 0;
} // namespace

ShortcutModel::ShortcutModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    for (const ShortcutDef& def : Shortcuts::instance().definitions()) {
        const QString name = Shortcuts::categoryName(def);
        if (m_categories.empty() || m_categories.back().name != name) {
            m_categories.push_back({name, {}});
        }
        m_categories.back().actions.push_back(&def);
    }
    reset();
}

void ShortcutModel::reset()
{
    m_keys.clear();
    for (const ShortcutDef& def : Shortcuts::instance().definitions()) {
        m_keys.insert(def.id, Shortcuts::instance().key(def.id));
    }
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        for (int c = 0; c < rowCount(); ++c) {
            const QModelIndex parent = index(c, 0);
            Q_EMIT dataChanged(index(0, 0, parent),
                               index(rowCount(parent) - 1, ColumnCount - 1, parent));
        }
    }
    updateConflicts();
}

bool ShortcutModel::setPendingKey(const QString& id, const QKeySequence& key)
{
    const QModelIndex at = indexOf(id, KeyColumn);
    if (!at.isValid()) {
        return false;
    }
    if (m_keys.value(id) != key) {
        m_keys.insert(id, key);
        Q_EMIT dataChanged(indexOf(id, ActionColumn), indexOf(id, DefaultColumn));
        updateConflicts();
    }
    return true;
}

void ShortcutModel::restoreDefaults()
{
    for (const ShortcutDef& def : Shortcuts::instance().definitions()) {
        setPendingKey(def.id, def.defaultKey);
    }
}

void ShortcutModel::updateConflicts()
{
    const QHash<QString, QStringList> before = m_conflicting;
    m_conflicts = Shortcuts::instance().conflicts(m_keys);
    m_conflicting.clear();
    for (const ShortcutConflict& c : m_conflicts) {
        m_conflicting[c.first] << c.second; // empty: a reserved key
        if (!c.second.isEmpty()) {
            m_conflicting[c.second] << c.first;
        }
    }
    if (before == m_conflicting) {
        return;
    }
    // Rows that gained or lost a clash change their look.
    for (const QHash<QString, QStringList>* set :
         {&before, static_cast<const QHash<QString, QStringList>*>(&m_conflicting)}) {
        for (auto it = set->constBegin(); it != set->constEnd(); ++it) {
            Q_EMIT dataChanged(indexOf(it.key(), ActionColumn), indexOf(it.key(), DefaultColumn));
        }
    }
    Q_EMIT conflictsChanged();
}

QStringList ShortcutModel::conflictDescriptions() const
{
    QStringList out;
    const Shortcuts& keys = Shortcuts::instance();
    for (const ShortcutConflict& c : m_conflicts) {
        if (c.second.isEmpty()) {
            out << tr("%1 is needed by the lists, fields and menus (Space ticks and presses, Tab "
                      "moves on, Escape closes, Alt with a letter opens a menu), so “%2” cannot "
                      "have it.")
                       .arg(Shortcuts::keyText(c.key), keys.description(c.first));
            continue;
        }
        out << tr("%1 would trigger both “%2” and “%3”.")
                   .arg(Shortcuts::keyText(c.key), keys.description(c.first),
                        keys.description(c.second));
    }
    return out;
}

const ShortcutDef* ShortcutModel::actionAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kCategoryRow) {
        return nullptr;
    }
    const auto& actions = m_categories[index.internalId() - 1].actions;
    return index.row() < static_cast<int>(actions.size())
               ? actions[static_cast<std::size_t>(index.row())]
               : nullptr;
}

QModelIndex ShortcutModel::indexOf(const QString& id, int column) const
{
    for (std::size_t c = 0; c < m_categories.size(); ++c) {
        const auto& actions = m_categories[c].actions;
        for (std::size_t r = 0; r < actions.size(); ++r) {
            if (actions[r]->id == id) {
                return createIndex(static_cast<int>(r), column, static_cast<quintptr>(c + 1));
            }
        }
    }
    return {};
}

QModelIndex ShortcutModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < static_cast<int>(m_categories.size()) ? createIndex(row, column, kCategoryRow)
                                                           : QModelIndex();
    }
    if (parent.internalId() != kCategoryRow || parent.column() != 0 ||
        parent.row() >= static_cast<int>(m_categories.size())) {
        return {};
    }
    const auto& actions = m_categories[static_cast<std::size_t>(parent.row())].actions;
    return row < static_cast<int>(actions.size())
               ? createIndex(row, column, static_cast<quintptr>(parent.row() + 1))
               : QModelIndex();
}

QModelIndex ShortcutModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kCategoryRow) {
        return {};
    }
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kCategoryRow);
}

int ShortcutModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return static_cast<int>(m_categories.size());
    }
    if (parent.internalId() != kCategoryRow || parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(m_categories[static_cast<std::size_t>(parent.row())].actions.size());
}

int ShortcutModel::columnCount(const QModelIndex& /*parent*/) const
{
    return ColumnCount;
}

QVariant ShortcutModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const ShortcutDef* def = actionAt(index);
    if (def == nullptr) { // a category
        const auto& category = m_categories[static_cast<std::size_t>(index.row())];
        if (index.column() == ActionColumn && role == Qt::DisplayRole) {
            return category.name;
        }
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    }
    const QKeySequence key = m_keys.value(def->id);
    const bool clash = m_conflicting.contains(def->id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ActionColumn:
            return Shortcuts::description(*def);
        case KeyColumn:
            return Shortcuts::keyText(key);
        case DefaultColumn:
            return Shortcuts::keyText(def->defaultKey);
        default:
            return {};
        }
    case Qt::EditRole:
        return index.column() == KeyColumn ? QVariant::fromValue(key) : data(index);
    case IdRole:
        return def->id;
    case Qt::FontRole:
        if (index.column() == KeyColumn && key != def->defaultKey) {
            QFont bold; // remapped: stands out from the defaults
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (clash) {
            return QBrush(QColor(0xb0, 0x00, 0x20));
        }
        if (index.column() == DefaultColumn) {
            return QBrush(QColor(0x70, 0x70, 0x70));
        }
        return {};
    case Qt::ToolTipRole:
        if (clash) {
            QStringList others;
            for (const QString& other : m_conflicting.value(def->id)) {
                if (other.isEmpty()) {
                    return tr("%1 is needed by the lists, fields and menus; choose another key")
                        .arg(Shortcuts::keyText(key));
                }
                others << Shortcuts::instance().description(other);
            }
            return tr("Conflict: %1 also triggers %2")
                .arg(Shortcuts::keyText(key), others.join(QStringLiteral(", ")));
        }
        return index.column() == KeyColumn ? tr("Double-click, then press the new key")
                                           : QVariant();
    default:
        return {};
    }
}

bool ShortcutModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const ShortcutDef* def = actionAt(index);
    if (def == nullptr || index.column() != KeyColumn || role != Qt::EditRole) {
        return false;
    }
    QKeySequence key;
    if (value.canConvert<QKeySequence>()) {
        key = value.value<QKeySequence>();
    } else {
        key = QKeySequence::fromString(value.toString(), QKeySequence::PortableText);
    }
    return setPendingKey(def->id, key);
}

Qt::ItemFlags ShortcutModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    const ShortcutDef* def = actionAt(index);
    if (def == nullptr) {
        return Qt::ItemIsEnabled;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == KeyColumn) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant ShortcutModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case KeyColumn:
        return tr("Key");
    case DefaultColumn:
        return tr("Default");
    default:
        return {};
    }
}

} // namespace vigil::ui
