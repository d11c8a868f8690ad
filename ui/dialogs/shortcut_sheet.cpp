// SPDX-License-Identifier: MIT
#include "dialogs/shortcut_sheet.h"

#include "shortcuts.h"

#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil::ui {
namespace {
constexpr int kIdRole = Qt::UserRole + 1;
} // namespace

ShortcutSheet::ShortcutSheet(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Find an action or a key"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcutTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Key"), tr("Action")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::StrongFocus); // scrollable from the keyboard
    // Sized in rebuild() by the keys alone: the category rows span both columns, and sizing to
    // all contents gave the key column half the width (German descriptions were cut off).
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* change = buttons->addButton(tr("Change &keys…"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(change, &QPushButton::clicked, this, &ShortcutSheet::changeKeysRequested);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutSheet::applyFilter);
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, &ShortcutSheet::rebuild);
    rebuild();
    resize(540, 720);
}

void ShortcutSheet::rebuild()
{
    m_tree->clear();
    QFont bold = m_tree->font();
    bold.setBold(true);
    QTreeWidgetItem* group = nullptr;
    QString groupName;
    auto addGroup = [&](const QString& name) {
        group = new QTreeWidgetItem(m_tree, {name});
        group->setFirstColumnSpanned(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        groupName = name;
    };
    const Shortcuts& keys = Shortcuts::instance();
    for (const ShortcutDef& def : keys.definitions()) {
        const QString category = Shortcuts::categoryName(def);
        if (group == nullptr || category != groupName) {
            addGroup(category);
        }
        QStringList shown;
        for (const QKeySequence& k : keys.keys(def.id)) {
            shown << Shortcuts::keyText(k);
        }
        auto* item = new QTreeWidgetItem(
            group, {shown.isEmpty() ? Shortcuts::keyText(QKeySequence()) : shown.join(tr(" or ")),
                    Shortcuts::description(def)});
        item->setData(0, kIdRole, def.id);
        item->setFlags(Qt::ItemIsEnabled);
    }
    // Gestures are fixed (the mouse is not remappable) but belong on the sheet all the same.
    addGroup(tr("Mouse"));
    const std::pair<QString, QString> gestures[] = {
        {tr("Wheel"), tr("Zoom time at the cursor (over an axis: that axis only)")},
        {tr("Middle-drag, Ctrl+drag"), tr("Pan")},
        {tr("Drag"), tr("Label mode: label the range; Explore mode: zoom to it")},
        {tr("Click"), tr("Label mode: label one point; Explore mode: explain that point")},
        {tr("Shift+drag"), tr("Label mode: erase labels in the range")},
    };
    for (const auto& [gesture, what] : gestures) {
        auto* item = new QTreeWidgetItem(group, {gesture, what});
        item->setFlags(Qt::ItemIsEnabled);
    }
    m_tree->expandAll();
    int keyWidth = 0;
    const QFontMetrics metrics(m_tree->font());
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* parent = m_tree->topLevelItem(g);
        for (int i = 0; i < parent->childCount(); ++i) {
            QTreeWidgetItem* item = parent->child(i);
            keyWidth = std::max(keyWidth, metrics.horizontalAdvance(item->text(0)));
            item->setToolTip(1, item->text(1)); // the whole text where the column cuts it
        }
    }
    m_tree->setColumnWidth(0, keyWidth + 3 * metrics.averageCharWidth() + m_tree->indentation());
    applyFilter();
}

void ShortcutSheet::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = needle.isEmpty() ||
                               item->text(0).contains(needle, Qt::CaseInsensitive) ||
                               item->text(1).contains(needle, Qt::CaseInsensitive) ||
                               group->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

QString ShortcutSheet::shownKey(const QString& id) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, kIdRole).toString() == id) {
                return group->child(i)->text(0);
            }
        }
    }
    return {};
}

} // namespace vigil::ui
