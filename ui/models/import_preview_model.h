// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "vigil/importers.h"

#include <vector>

namespace vigil::ui {

/// The first rows of a delimited file as the import wizard previews them: one column per file
/// column, headed by its name and the role the import gives it (timestamp, label, value or
/// ignored). A thin adapter over core::CsvLayout. GUI thread only.
class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /// What the import does with a column.
    enum class ColumnRole { Ignored, Time, Label, Class, Source, Confidence, Channels, Value };
    /// ColumnRole of a column, as an int (header data, horizontal).
    static constexpr int ColumnRoleRole = Qt::UserRole + 1;

    explicit ImportPreviewModel(QObject* parent = nullptr);

    /// Replaces the preview by what detection found (no rows and no columns: empty layout).
    void setLayout(const core::CsvLayout& layout);
    void clear();
    const core::CsvLayout& layout() const { return m_layout; }
    ColumnRole columnRole(int column) const;
    static QString roleText(ColumnRole role);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    core::CsvLayout m_layout;
    int m_columns = 0; ///< widest of the header and the preview rows
};

} // namespace vigil::ui
